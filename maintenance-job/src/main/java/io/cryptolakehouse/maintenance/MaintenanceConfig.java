package io.cryptolakehouse.maintenance;

import io.cryptolakehouse.spark.JobSettings;
import io.cryptolakehouse.spark.LakehouseConfig;
import java.time.Duration;

/**
 * The maintenance job's settings.
 *
 * @param interval time between runs; zero runs once and exits (non-zero if a table failed)
 * @param reportFile where each run's JSON report is also written (blank: the log only)
 */
public record MaintenanceConfig(
    LakehouseConfig lakehouse, MaintenanceSettings settings, Duration interval, String reportFile) {

  public static final String INTERVAL_MINUTES = MaintenanceSettings.PREFIX + "interval-minutes";
  public static final String REPORT_FILE = MaintenanceSettings.PREFIX + "report-file";

  public static MaintenanceConfig from(JobSettings s) {
    LakehouseConfig lakehouse = LakehouseConfig.from(s);
    return new MaintenanceConfig(
        lakehouse,
        MaintenanceSettings.from(s, lakehouse.catalog()),
        Duration.ofMinutes(s.nonNegativeLong(INTERVAL_MINUTES, 0)),
        s.string(REPORT_FILE, ""));
  }
}
