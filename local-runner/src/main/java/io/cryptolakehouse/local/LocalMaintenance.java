package io.cryptolakehouse.local;

import io.cryptolakehouse.maintenance.MaintenanceReport;
import io.cryptolakehouse.maintenance.MaintenanceRun;
import io.cryptolakehouse.maintenance.MaintenanceSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Table maintenance of the local lakehouse: the same {@link MaintenanceRun} the maintenance job
 * runs, on the pipeline's session every {@code --maintenance-interval} (beside the streams), or
 * once for {@code ./run-local.sh maintenance}. Each run's report is kept in {@code
 * DIR/maintenance.json} for the status view.
 */
final class LocalMaintenance implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalMaintenance.class);
  private static final Duration FINISH_ON_STOP = Duration.ofMinutes(3);

  private final DataDir dir;
  private final CommandLine.Retention options;
  private ScheduledExecutorService scheduler;
  private volatile Instant next;
  private volatile boolean busy;

  LocalMaintenance(DataDir dir, CommandLine.Retention options) {
    this.dir = dir;
    this.options = options;
  }

  /** The job's settings and defaults, with what the command line chooses. */
  MaintenanceSettings settings(String catalog) {
    return MaintenanceSettings.withDefaults(
        catalog,
        dir.checkpoints().toUri().toString(),
        Duration.ofHours(options.snapshotRetentionHours()),
        options.maxSnapshots(),
        Duration.ofDays(options.bronzeRetentionDays()));
  }

  MaintenanceReport runOnce(SparkSession spark, String catalog) {
    MaintenanceReport report =
        new MaintenanceRun(spark, settings(catalog), Clock.systemUTC()).runAll();
    dir.writeString(dir.maintenanceFile(), report.toJson() + "\n");
    return report;
  }

  /** Runs every {@code --maintenance-interval}, the first one interval after the start. */
  void schedule(SparkSession spark, String catalog) {
    Duration interval = options.interval();
    if (interval.isZero()) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "table-maintenance");
              t.setDaemon(true);
              return t;
            });
    next = Instant.now().plus(interval);
    scheduler.scheduleWithFixedDelay(
        () -> {
          busy = true;
          try {
            runOnce(spark, catalog);
          } catch (RuntimeException e) {
            log.error("Table maintenance failed; it runs again at the next interval", e);
          } finally {
            busy = false;
            next = Instant.now().plus(interval);
          }
        },
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Whether a scheduled run is in progress. */
  boolean busy() {
    return busy;
  }

  Status.Maintenance state() {
    Duration interval = options.interval();
    String schedule =
        interval.isZero()
            ? "off"
            : "every "
                + (interval.toSeconds() % 60 == 0
                    ? interval.toMinutes() + " min"
                    : interval.toSeconds() + " s");
    return new Status.Maintenance(schedule, last(dir), scheduler == null ? null : next);
  }

  /** The last run's report in {@code dir}, if any. */
  static MaintenanceReport last(DataDir dir) {
    if (!Files.exists(dir.maintenanceFile())) {
      return null;
    }
    try {
      return MaintenanceReport.fromJson(Files.readString(dir.maintenanceFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + dir.maintenanceFile(), e);
    } catch (IllegalArgumentException e) {
      log.warn("Ignoring an unreadable {}: {}", dir.maintenanceFile(), e.getMessage());
      return null;
    }
  }

  /** Lets a run in progress finish (its commits are atomic either way), then stops the schedule. */
  @Override
  public void close() {
    if (scheduler == null) {
      return;
    }
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(FINISH_ON_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
