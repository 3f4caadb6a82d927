package io.cryptolakehouse.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cryptolakehouse.embedded.EmbeddedLakehouse;
import io.cryptolakehouse.local.support.DirectoryTrees;
import io.cryptolakehouse.local.support.LocalSessions;
import io.cryptolakehouse.model.TableId;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.spark.LakehouseTables;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code run-local.sh} runs once per build under {@code -XX:ArchiveClassesAtExit}: the JDK
 * then writes every class this process loaded into one class-data archive, which later commands map
 * instead of reading and verifying them one by one from some 400 jars. So it loads what the
 * commands load: the embedded servers (Kafka too, for the pipeline), a Spark session on the
 * lakehouse catalog, every table's DDL, and a query over each table printed as a user sees it.
 */
final class ClassArchiveTraining {

  private static final Logger log = LoggerFactory.getLogger(ClassArchiveTraining.class);

  /** The hidden {@code RunLocal} command; not in the help, only run-local.sh calls it. */
  static final String COMMAND = "class-archive-training";

  private ClassArchiveTraining() {}

  static int run() {
    try {
      train();
      return 0;
    } catch (IOException | RuntimeException e) {
      // run-local.sh then simply starts without an archive.
      log.error("Class-archive training failed", e);
      return 1;
    }
  }

  private static void train() throws IOException {
    Path dir = Files.createTempDirectory("run-local-class-archive");
    try (EmbeddedLakehouse stack = EmbeddedLakehouse.start(dir, EmbeddedLakehouse.Ports.any())) {
      String catalog = stack.lakehouse().catalog();
      SparkSession spark = LocalSessions.query(stack.lakehouse());
      try {
        LakehouseTables.ensureExist(spark, catalog, Tables.ALL.toArray(TableId[]::new));
        // Printed as a user sees them (every format), to nowhere.
        PrintStream out = new PrintStream(OutputStream.nullOutputStream(), true, UTF_8);
        Terminal terminal = new Terminal(out, out, false);
        for (TableId table : Tables.ALL) {
          String sql = "SELECT * FROM " + table.qualifiedIn(catalog) + " LIMIT 1";
          for (OutputFormat format : OutputFormat.values()) {
            ResultPrinter.print(spark.sql(sql), format, terminal);
          }
        }
        readAndWrite(spark, catalog, terminal);
        log.info("Class-archive training queried {} tables", Tables.ALL.size());
      } finally {
        spark.stop();
      }
    } finally {
      DirectoryTrees.delete(dir);
    }
  }

  /**
   * The lakehouse's own tables are empty in training, so reading Parquet, planning Iceberg scans,
   * generated aggregation code and MERGE are loaded here, on a scratch table of this throw-away
   * lakehouse.
   */
  private static void readAndWrite(SparkSession spark, String catalog, Terminal terminal) {
    String table = catalog + ".class_archive_training.prices";
    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + catalog + ".class_archive_training");
    spark.sql(
        "CREATE TABLE "
            + table
            + " (coin STRING, at TIMESTAMP, price DECIMAL(38,18)) USING iceberg"
            + " PARTITIONED BY (days(at))");
    spark.sql(
        "INSERT INTO "
            + table
            + " VALUES ('bitcoin', TIMESTAMP '2026-01-01 00:00:30', 87000.5),"
            + " ('ethereum', TIMESTAMP '2026-01-02 00:00:30', 2900.25)");
    spark.sql(
        "MERGE INTO "
            + table
            + " t USING (SELECT 'bitcoin' AS coin, TIMESTAMP '2026-01-01 00:00:30' AS at,"
            + " CAST(87001 AS DECIMAL(38,18)) AS price) s ON t.coin = s.coin AND t.at = s.at"
            + " WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
    ResultPrinter.print(
        spark.sql(
            "SELECT coin, date_trunc('HOUR', at) AS hour, count(*) AS n,"
                + " count(DISTINCT coin, at) AS d, min(price) AS low, max(price) AS high,"
                + " (SELECT count(*) FROM "
                + table
                + " a LEFT ANTI JOIN "
                + table
                + " b ON a.coin = b.coin AND a.at > b.at) AS firsts"
                + " FROM "
                + table
                + " GROUP BY coin, date_trunc('HOUR', at) ORDER BY coin"),
        OutputFormat.TABLE,
        terminal);
  }
}
