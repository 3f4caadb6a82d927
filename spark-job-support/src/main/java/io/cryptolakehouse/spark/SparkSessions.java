package io.cryptolakehouse.spark;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the session a job runs in, with the lakehouse catalog registered. */
public final class SparkSessions {

  /**
   * Tuning every job starts from; a value given to spark-submit ({@code --conf}) wins. Spark keeps
   * 100 generated classes by default: the layers' many small stages need more, and with 100 most of
   * a batch's stages were compiled again each batch (Janino was a fifth of the CPU of the freshness
   * benchmark, and more entries halved Gold's batch time: docs/benchmarks.md). A static setting, so
   * it is set here, before the session exists. FAIR scheduling, because a job with several queries
   * gives each a pool of its own ({@link IcebergStreams}): Gold's bars must not queue behind the
   * tasks of its day-wide batch.
   */
  static final Map<String, String> DEFAULTS =
      Map.of("spark.sql.codegen.cache.maxEntries", "1000", "spark.scheduler.mode", "FAIR");

  private SparkSessions() {}

  /**
   * Under spark-submit the master and resources come from spark-submit; the embedded runner and
   * tests set {@code spark.master} in {@code extra}.
   */
  public static SparkSession lakehouseSession(
      String appName, LakehouseConfig lakehouse, Map<String, String> extra) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    // spark-submit hands its --conf values to the driver as spark.* system properties, which a new
    // SparkConf reads.
    defaultsNotIn(new SparkConf()).forEach(builder::config);
    lakehouse.sparkSettings().forEach(builder::config);
    extra.forEach(builder::config);
    return builder.getOrCreate();
  }

  /** The {@link #DEFAULTS} that {@code submitted} does not set itself. */
  static Map<String, String> defaultsNotIn(SparkConf submitted) {
    Map<String, String> defaults = new TreeMap<>(DEFAULTS);
    defaults.keySet().removeIf(submitted::contains);
    return defaults;
  }
}
