package io.cryptolakehouse.maintenance;

import io.cryptolakehouse.model.TableId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maintains every table of the lakehouse once, beside running streams. A table that fails is
 * reported and the others are still maintained; tables not created yet are skipped.
 */
public final class MaintenanceRun {

  private static final Logger log = LoggerFactory.getLogger(MaintenanceRun.class);

  private final SparkSession spark;
  private final MaintenanceSettings settings;
  private final Clock clock;

  public MaintenanceRun(SparkSession spark, MaintenanceSettings settings, Clock clock) {
    this.spark = spark;
    this.settings = settings;
    this.clock = clock;
  }

  public MaintenanceReport runAll() {
    return run(TablePlan.ALL.stream().map(TablePlan::table).toList());
  }

  public MaintenanceReport run(List<TableId> tables) {
    Instant started = clock.instant();
    long startNanos = System.nanoTime();
    // Read once, before any expiry: positions only move forward, so this errs on keeping more.
    StreamPositions streams =
        StreamPositions.read(settings.checkpointRoot(), spark.sparkContext().hadoopConfiguration());
    TableMaintenance maintenance = new TableMaintenance(spark, settings, streams);
    List<TableReport> reports = new ArrayList<>();
    for (TableId id : tables) {
      String name = id.qualifiedIn(settings.catalog());
      if (!spark.catalog().tableExists(name)) {
        log.info("Maintenance: {} does not exist yet; skipped", name);
        continue;
      }
      long tableStart = System.nanoTime();
      TableReport report;
      try {
        report = maintenance.run(TablePlan.of(id), load(name), clock.instant());
      } catch (RuntimeException e) {
        log.error("Maintenance of {} failed; the other tables go on", name, e);
        report =
            TableReport.failed(
                id.toString(), (System.nanoTime() - tableStart) / 1_000_000, e.toString());
      }
      log.info("Maintenance {}", report.describe());
      reports.add(report);
    }
    MaintenanceReport report =
        new MaintenanceReport(
            started.toString(), (System.nanoTime() - startNanos) / 1_000_000, reports);
    log.info("Maintenance report {}", report.toJson());
    return report;
  }

  private Table load(String name) {
    try {
      return Spark3Util.loadIcebergTable(spark, name);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot load " + name + " as an Iceberg table", e);
    }
  }
}
