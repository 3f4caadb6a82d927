package io.cryptolakehouse.bronze;

import io.cryptolakehouse.spark.JobSettings;
import io.cryptolakehouse.spark.LakehouseJob;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code spark-submit --class io.cryptolakehouse.bronze.BronzeIngestJob
 * bronze-ingest-job-*-spark-submit.jar --conf spark.crypto.…}: Kafka to Bronze until stopped.
 */
public final class BronzeIngestJob {

  private static final Logger log = LoggerFactory.getLogger(BronzeIngestJob.class);

  private BronzeIngestJob() {}

  public static void main(String[] args) throws StreamingQueryException {
    BronzeConfig config = BronzeConfig.from(JobSettings.from(new SparkConf()));
    log.info("Starting Bronze ingest: {} -> {}", config.bootstrapServers(), config.lakehouse());
    LakehouseJob.run(
        "bronze-ingest", config.lakehouse(), spark -> BronzeIngest.start(spark, config));
  }
}
