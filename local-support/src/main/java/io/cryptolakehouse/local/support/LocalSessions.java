package io.cryptolakehouse.local.support;

import io.cryptolakehouse.spark.LakehouseConfig;
import io.cryptolakehouse.spark.SparkSessions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The Spark sessions of the local runner: the pipeline's (with its UI) and a query's (without). */
public final class LocalSessions {

  public static final int UI_PORT = 4040;

  private LocalSessions() {}

  public static SparkSession pipeline(LakehouseConfig lakehouse) {
    Map<String, String> extra = common();
    extra.put("spark.ui.enabled", "true");
    extra.put("spark.ui.port", String.valueOf(UI_PORT));
    // The UI's kill links would stop the pipeline's queries from a browser tab; run-local.sh binds
    // the UI to loopback (SPARK_LOCAL_IP), and nothing in it needs to change state.
    extra.put("spark.ui.killEnabled", "false");
    // Few, small batches: Spark's default of 200 shuffle partitions would mean 200 tiny tasks and
    // files per batch on two cores.
    extra.put("spark.sql.shuffle.partitions", "4");
    return SparkSessions.lakehouseSession("run-local", lakehouse, extra);
  }

  public static SparkSession query(LakehouseConfig lakehouse) {
    Map<String, String> extra = common();
    extra.put("spark.ui.enabled", "false");
    extra.put("spark.sql.shuffle.partitions", "4");
    extra.put("spark.sql.jsonGenerator.ignoreNullFields", "false");
    // Results print timestamps as UTC instants (the jobs' code reads java.sql.Timestamp, so only
    // this session switches).
    extra.put("spark.sql.datetime.java8API.enabled", "true");
    return SparkSessions.lakehouseSession("run-local-sql", lakehouse, extra);
  }

  /** Local master, loopback driver, UTC: what every session of the local runner starts from. */
  public static Map<String, String> common() {
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("spark.master", "local[*]");
    extra.put("spark.driver.host", "localhost");
    extra.put("spark.driver.bindAddress", "127.0.0.1");
    // Hour buckets and day partitions in UTC whatever the machine's zone, as on a cluster.
    extra.put("spark.sql.session.timeZone", "UTC");
    // Every layer's queries share the two cores: each query has a pool (IcebergStreams), and FAIR
    // shares the cores between pools, so a live batch does not queue behind a catch-up's tasks.
    extra.put("spark.scheduler.mode", "FAIR");
    extra.putAll(localCheckpoints());
    return extra;
  }

  /**
   * Checkpoints on the local disk without a child process per file. Spark's default checkpoint
   * manager goes through Hadoop's {@code FileContext}, whose local rename runs {@code readlink} on
   * the temporary and the final file and on their checksum files, and whose create runs {@code
   * chmod}: five processes per log entry, two entries per batch and query. Through {@code
   * FileSystem} a rename is a plain move, and {@link ForklessLocalFileSystem} sets permissions
   * in-process. Not cached: Hadoop caches one file system per scheme whatever its settings, so the
   * one another part of this JVM opened first would be used instead.
   */
  static Map<String, String> localCheckpoints() {
    return Map.of(
        "spark.sql.streaming.checkpointFileManagerClass",
        "org.apache.spark.sql.execution.streaming.checkpointing.FileSystemBasedCheckpointFileManager",
        "spark.hadoop.fs.file.impl",
        ForklessLocalFileSystem.class.getName(),
        "spark.hadoop.fs.file.impl.disable.cache",
        "true");
  }
}
