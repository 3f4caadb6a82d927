package io.cryptolakehouse.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One {@code local[2]} session per test JVM for unit tests of transforms: UI off, few shuffle
 * partitions, UTC. Starting Spark costs seconds; tests share it and never stop it.
 */
public final class LocalSpark {

  private static SparkSession session;

  private LocalSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("unit-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.sql.session.timeZone", "UTC")
              .getOrCreate();
    }
    return session;
  }
}
