package io.cryptolakehouse.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's upsert against real Iceberg tables (a Hadoop catalog in a temporary directory). */
class DriverMergeTest {

  @TempDir static Path warehouse;

  private static final AtomicInteger tables = new AtomicInteger();
  private static SparkSession spark;

  private static final String ROWS_SQL =
      "SELECT coin, CAST(at AS TIMESTAMP) AS at, CAST(price AS DECIMAL(38,18)) AS price,"
          + " sim FROM VALUES %s AS v(coin, at, price, sim)";

  @BeforeAll
  static void start() {
    spark = LocalSpark.session();
    spark.conf().set("spark.sql.catalog.dm", "org.apache.iceberg.spark.SparkCatalog");
    spark.conf().set("spark.sql.catalog.dm.type", "hadoop");
    spark.conf().set("spark.sql.catalog.dm.warehouse", warehouse.toUri().toString());
  }

  @Test
  void replacesTheRowsOfItsKeysAddsTheOthersAndKeepsWhatTheirFilesAlsoHeld() throws Exception {
    String table = newTable();
    insert(
        table,
        "('btc', '2026-12-05 10:00:00', '1.5', false), ('eth', '2026-12-05 10:00:00', '2.5', false)");
    insert(table, "('btc', '2026-12-04 10:00:00', '3', false)");
    String olderDaysFile = filesOf(table, "2026-12-04").get(0);

    boolean done =
        upsert(
            table,
            "('btc', '2026-12-05 10:00:00', '1.000000000000000001', false),"
                + " ('sol', '2026-12-05 10:01:00', '123456789012.12345', false)",
            from("2026-12-05T00:00:00Z"));

    assertThat(done).isTrue();
    assertThat(contents(table))
        .containsExactly(
            "btc 2026-12-04 10:00:00 3.000000000000000000 false",
            "btc 2026-12-05 10:00:00 1.000000000000000001 false",
            "eth 2026-12-05 10:00:00 2.500000000000000000 false",
            "sol 2026-12-05 10:01:00 123456789012.123450000000000000 false");
    assertThat(filesOf(table, "2026-12-04")).containsExactly(olderDaysFile);
  }

  @Test
  void keepsTheOlderRowsOfAFileItReplacesInAFileTheNextBatchesLeaveAlone() throws Exception {
    String table = newTable();
    // One file holding an early hour and the live one, as a compaction leaves them.
    insert(
        table,
        "('btc', '2026-12-05 01:00:00', '1', false), ('btc', '2026-12-05 10:00:00', '2', false)");

    upsert(table, "('btc', '2026-12-05 10:00:00', '3', false)", from("2026-12-05T10:00:00Z"));
    List<String> afterFirst = filesOf(table, "2026-12-05");
    upsert(table, "('btc', '2026-12-05 10:00:00', '4', false)", from("2026-12-05T10:00:00Z"));

    assertThat(afterFirst).hasSize(2);
    List<String> afterSecond = filesOf(table, "2026-12-05");
    assertThat(afterSecond).hasSize(2);
    assertThat(afterSecond.stream().filter(afterFirst::contains)).hasSize(1);
    assertThat(contents(table))
        .containsExactly(
            "btc 2026-12-05 01:00:00 1.000000000000000000 false",
            "btc 2026-12-05 10:00:00 4.000000000000000000 false");
  }

  @Test
  void aReplayedUpsertLeavesTheSameRowsAndNullKeysMatchEachOther() throws Exception {
    String table = newTable();
    String rows =
        "('btc', '2026-12-05 10:00:00', '1.5', NULL), ('eth', '2026-12-05 10:00:00', '2', true)";
    upsert(table, rows, from("2026-12-05T00:00:00Z"));
    List<String> once = contents(table);

    upsert(table, rows, from("2026-12-05T00:00:00Z"));

    assertThat(contents(table)).hasSize(2).isEqualTo(once);
  }

  @Test
  void writesOneFilePerPartitionInTheTablesSortOrderAndCompression() throws Exception {
    String table = newTable();

    upsert(
        table,
        "('sol', '2026-12-05 10:00:00', '1', false), ('btc', '2026-12-05 11:00:00', '2', false),"
            + " ('btc', '2026-12-04 10:00:00', '3', false), ('btc', '2026-12-05 10:00:00', '4', false)",
        from("2026-12-04T00:00:00Z"));

    List<String> newest = filesOf(table, "2026-12-05");
    assertThat(newest).hasSize(1);
    assertThat(filesOf(table, "2026-12-04")).hasSize(1);
    List<String> inFileOrder =
        spark.read().parquet(newest.get(0)).collectAsList().stream()
            .map(r -> r.getString(0) + " " + r.get(1))
            .toList();
    assertThat(inFileOrder)
        .containsExactly(
            "btc 2026-12-05 10:00:00.0", "btc 2026-12-05 11:00:00.0", "sol 2026-12-05 10:00:00.0");
    try (ParquetFileReader footer =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(newest.get(0)), new Configuration()))) {
      assertThat(footer.getFooter().getBlocks().get(0).getColumns().get(0).getCodec())
          .isEqualTo(CompressionCodecName.SNAPPY);
    }
  }

  @Test
  void declinesFilesHoldingMoreRowsThanItMayCarryAndWritesNothing() throws Exception {
    String table = newTable();
    insert(
        table,
        "('btc', '2026-12-05 10:00:00', '1.5', false), ('eth', '2026-12-05 10:00:00', '2.5', false)");
    Table iceberg = Spark3Util.loadIcebergTable(spark, table);
    long before = iceberg.currentSnapshot().snapshotId();

    boolean done =
        new DriverMerge(iceberg, List.of("coin", "at", "sim"))
            .upsert(
                records(iceberg, "('btc', '2026-12-05 10:00:00', '9', false)"),
                from("2026-12-05T00:00:00Z"),
                1,
                7);

    iceberg.refresh();
    assertThat(done).isFalse();
    assertThat(iceberg.currentSnapshot().snapshotId()).isEqualTo(before);
  }

  private static String newTable() {
    String table = "dm.db.t" + tables.incrementAndGet();
    spark.sql(
        "CREATE TABLE "
            + table
            + " (coin STRING, at TIMESTAMP, price DECIMAL(38,18), sim BOOLEAN)"
            + " USING iceberg PARTITIONED BY (days(at))"
            // Not Iceberg's default: the files must follow the table's settings.
            + " TBLPROPERTIES ('write.parquet.compression-codec' = 'snappy')");
    try {
      Spark3Util.loadIcebergTable(spark, table).replaceSortOrder().asc("coin").asc("at").commit();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return table;
  }

  private static void insert(String table, String values) {
    spark.sql("INSERT INTO " + table + " " + ROWS_SQL.formatted(values));
  }

  private static boolean upsert(String table, String values, Expression candidates) {
    List<Row> rows = spark.sql(ROWS_SQL.formatted(values)).collectAsList();
    return new IcebergMerge(table, List.of("coin", "at", "sim"), "at")
        .upsertFew(rows, Map.of(), candidates, 1);
  }

  private static List<org.apache.iceberg.data.Record> records(Table table, String values) {
    return spark.sql(ROWS_SQL.formatted(values)).collectAsList().stream()
        .map(r -> IcebergRecords.of(table.schema(), r, Map.of()))
        .toList();
  }

  private static Expression from(String instant) {
    return Expressions.greaterThanOrEqual(
        "at", ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(instant)));
  }

  private static List<String> contents(String table) {
    return spark.sql("SELECT * FROM " + table + " ORDER BY coin, at").collectAsList().stream()
        .map(
            r ->
                r.getString(0)
                    + " "
                    + r.get(1).toString().replace(".0", "")
                    + " "
                    + r.get(2)
                    + " "
                    + r.get(3))
        .toList();
  }

  private static List<String> filesOf(String table, String day) {
    return spark
        .sql("SELECT file_path FROM " + table + ".files WHERE partition.at_day = DATE'" + day + "'")
        .collectAsList()
        .stream()
        .map(r -> r.getString(0))
        .toList();
  }
}
