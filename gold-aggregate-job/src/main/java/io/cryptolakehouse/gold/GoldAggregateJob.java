package io.cryptolakehouse.gold;

import io.cryptolakehouse.spark.JobSettings;
import io.cryptolakehouse.spark.SparkSessions;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code spark-submit --class io.cryptolakehouse.gold.GoldAggregateJob
 * gold-aggregate-job-*-spark-submit.jar --conf spark.crypto.…}: Silver to Gold until stopped.
 */
public final class GoldAggregateJob {

  private static final Logger log = LoggerFactory.getLogger(GoldAggregateJob.class);

  private GoldAggregateJob() {}

  public static void main(String[] args) throws StreamingQueryException, TimeoutException {
    GoldConfig config = GoldConfig.from(JobSettings.from(new SparkConf()));
    log.info("Starting Gold aggregates on {}", config.lakehouse());
    SparkSession spark =
        SparkSessions.lakehouseSession("gold-aggregate", config.lakehouse(), Map.of());
    try {
      GoldAggregate.start(spark, config);
      // Returns when every query ends: AvailableNow drained, or a failure (rethrown here).
      while (spark.streams().active().length > 0) {
        spark.streams().awaitAnyTermination();
        spark.streams().resetTerminated();
      }
    } finally {
      spark.stop();
    }
  }
}
