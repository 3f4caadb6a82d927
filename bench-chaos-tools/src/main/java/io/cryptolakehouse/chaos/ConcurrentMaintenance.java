package io.cryptolakehouse.chaos;

import io.cryptolakehouse.maintenance.MaintenanceConfig;
import io.cryptolakehouse.maintenance.MaintenanceJob;
import io.cryptolakehouse.maintenance.MaintenanceSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code maintenance}: the maintenance job (its own process, as in Compose) runs {@code iterations}
 * times while the three streams commit, with thresholds low enough that every run compacts data
 * files and rewrites manifests — commits that race the streams' appends and merges. A run that
 * fails is a fault; the invariants say whether a race lost or doubled anything.
 */
final class ConcurrentMaintenance implements Scenario {

  private static final Logger log = LoggerFactory.getLogger(ConcurrentMaintenance.class);

  @Override
  public List<Fault> run(Context context) throws InterruptedException {
    Map<String, String> properties =
        new java.util.HashMap<>(LayerJobs.sparkProperties(context.stack(), context.checkpoints()));
    properties.put(MaintenanceSettings.MIN_INPUT_FILES, "2");
    properties.put(MaintenanceSettings.MIN_MANIFESTS, "2");
    properties.put(MaintenanceSettings.RETAIN_LAST, "1");
    properties.put(MaintenanceSettings.SNAPSHOT_RETENTION_HOURS, "1");
    properties.put(MaintenanceSettings.BRONZE_RETENTION_DAYS, "0");
    properties.put(MaintenanceConfig.INTERVAL_MINUTES, "0");
    List<Fault> faults = new ArrayList<>();
    for (int i = 0; i < context.iterations(); i++) {
      Thread.sleep(context.millisBetween(2, 8));
      properties.put(
          MaintenanceConfig.REPORT_FILE,
          context.logs().resolve("maintenance-" + (i + 1) + ".json").toString());
      ChildJvm run =
          new ChildJvm(
              "maintenance",
              "1g",
              properties,
              MaintenanceJob.class.getName(),
              List.of(),
              LayerJobs.secrets(context.stack()),
              context.logs());
      Instant start = Instant.now();
      run.start();
      int code = run.waitFor();
      Duration took = Duration.between(start, Instant.now());
      log.info("Maintenance run {} exited with {} after {}", i + 1, code, took);
      // A run that failed did not finish: no recovery to report for it.
      faults.add(
          new Fault(
              "maintenance run (exit " + code + ")", "tables", start, code == 0 ? took : null));
    }
    return faults;
  }
}
