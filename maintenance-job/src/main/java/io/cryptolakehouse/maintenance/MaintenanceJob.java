package io.cryptolakehouse.maintenance;

import io.cryptolakehouse.spark.JobSettings;
import io.cryptolakehouse.spark.SparkSessions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code spark-submit --class io.cryptolakehouse.maintenance.MaintenanceJob
 * maintenance-job-*-spark-submit.jar --conf spark.crypto.…}: maintains every table once, or every
 * {@code spark.crypto.maintenance.interval-minutes} until stopped.
 */
public final class MaintenanceJob {

  private static final Logger log = LoggerFactory.getLogger(MaintenanceJob.class);

  private MaintenanceJob() {}

  public static void main(String[] args) throws InterruptedException, IOException {
    MaintenanceConfig config = MaintenanceConfig.from(JobSettings.from(new SparkConf()));
    log.info("Starting table maintenance on {} with {}", config.lakehouse(), config.settings());
    SparkSession spark =
        SparkSessions.lakehouseSession("table-maintenance", config.lakehouse(), Map.of());
    boolean ok;
    try {
      ok = runUntilStopped(new MaintenanceRun(spark, config.settings(), Clock.systemUTC()), config);
    } finally {
      spark.stop();
    }
    System.exit(ok ? 0 : 1);
  }

  /** Runs once (the result says whether every table succeeded), or forever at the interval. */
  private static boolean runUntilStopped(MaintenanceRun run, MaintenanceConfig config)
      throws InterruptedException, IOException {
    while (true) {
      MaintenanceReport report = run.runAll();
      if (!config.reportFile().isBlank()) {
        Files.writeString(
            Path.of(config.reportFile()), report.toJson() + "\n", StandardCharsets.UTF_8);
      }
      if (config.interval().isZero()) {
        return report.ok();
      }
      Thread.sleep(config.interval().toMillis());
    }
  }
}
