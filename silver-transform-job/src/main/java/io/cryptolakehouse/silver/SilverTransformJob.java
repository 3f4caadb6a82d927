package io.cryptolakehouse.silver;

import io.cryptolakehouse.spark.JobSettings;
import io.cryptolakehouse.spark.LakehouseJob;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code spark-submit --class io.cryptolakehouse.silver.SilverTransformJob
 * silver-transform-job-*-spark-submit.jar --conf spark.crypto.…}: Bronze to Silver until stopped.
 */
public final class SilverTransformJob {

  private static final Logger log = LoggerFactory.getLogger(SilverTransformJob.class);

  private SilverTransformJob() {}

  public static void main(String[] args) throws StreamingQueryException {
    SilverConfig config = SilverConfig.from(JobSettings.from(new SparkConf()));
    log.info("Starting Silver transform on {}", config.lakehouse());
    LakehouseJob.run(
        "silver-transform", config.lakehouse(), spark -> SilverTransform.start(spark, config));
  }
}
