package io.cryptolakehouse.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Builds the session a job runs in, with the lakehouse catalog registered. */
public final class SparkSessions {

  private SparkSessions() {}

  /**
   * Under spark-submit the master and resources come from spark-submit; the embedded runner and
   * tests set {@code spark.master} in {@code extra}.
   */
  public static SparkSession lakehouseSession(
      String appName, LakehouseConfig lakehouse, Map<String, String> extra) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    lakehouse.sparkSettings().forEach(builder::config);
    extra.forEach(builder::config);
    return builder.getOrCreate();
  }
}
