package io.cryptolakehouse.gold;

import io.cryptolakehouse.spark.JobSettings;
import io.cryptolakehouse.spark.LakehouseJob;
import org.apache.spark.SparkConf;
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

  public static void main(String[] args) throws StreamingQueryException {
    GoldConfig config = GoldConfig.from(JobSettings.from(new SparkConf()));
    log.info("Starting Gold aggregates on {}", config.lakehouse());
    LakehouseJob.run(
        "gold-aggregate", config.lakehouse(), spark -> GoldAggregate.start(spark, config));
  }
}
