package io.cryptolakehouse.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.spark.LakehouseFileIO;
import io.cryptolakehouse.spark.SparkSessions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Iceberg through the embedded Hive Metastore, with data files on the embedded S3. */
@ExtendWith(EmbeddedLakehouseExtension.class)
class EmbeddedLakehouseIT {

  @Test
  void icebergTablesRoundTripThroughTheMetastoreAndS3(EmbeddedLakehouse stack) throws Exception {
    SparkSession spark =
        SparkSessions.lakehouseSession(
            "embedded-stack-it",
            stack.lakehouse(),
            Map.of("spark.master", "local[2]", "spark.ui.enabled", "false"));
    try {
      spark.sql("CREATE NAMESPACE IF NOT EXISTS smoke");
      spark.sql("CREATE TABLE IF NOT EXISTS smoke.t (id BIGINT, name STRING) USING iceberg");
      spark.sql("INSERT INTO smoke.t VALUES (1, 'a'), (2, 'b')");

      List<Row> rows =
          spark.sql("SELECT id, name FROM lakehouse.smoke.t ORDER BY id").collectAsList();
      assertThat(rows).extracting(r -> r.getLong(0)).containsExactly(1L, 2L);
      String location =
          spark
              .sql("DESCRIBE TABLE EXTENDED smoke.t")
              .filter("col_name = 'Location'")
              .first()
              .getString(1);
      assertThat(location).startsWith("s3a://warehouse/");
      assertThat(stack.dataDir().resolve("s3/warehouse")).isDirectory();
      assertDeletesInBulk(Spark3Util.loadIcebergTable(spark, "smoke.t"));
    } finally {
      spark.stop();
    }
  }

  /** The tables' FileIO deletes many files at once on this S3 server (which refuses S3's own). */
  private static void assertDeletesInBulk(Table table) throws IOException {
    FileIO io = table.io();
    assertThat(io).isInstanceOf(LakehouseFileIO.class);
    List<String> paths =
        List.of("a", "b", "c").stream().map(n -> table.location() + "/scratch/" + n).toList();
    for (String path : paths) {
      try (OutputStream out = io.newOutputFile(path).createOrOverwrite()) {
        out.write(path.getBytes(StandardCharsets.UTF_8));
      }
    }
    assertThat(paths).allSatisfy(p -> assertThat(io.newInputFile(p).exists()).isTrue());
    ((LakehouseFileIO) io).deleteFiles(paths);
    assertThat(paths).allSatisfy(p -> assertThat(io.newInputFile(p).exists()).isFalse());
  }
}
