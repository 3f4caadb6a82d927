package io.cryptolakehouse.bench;

import io.cryptolakehouse.local.support.Layer;
import io.cryptolakehouse.maintenance.MaintenanceReport;
import io.cryptolakehouse.maintenance.MaintenanceRun;
import io.cryptolakehouse.maintenance.MaintenanceSettings;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.spark.LakehouseTables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;

/**
 * {@code metadata}: a simulated day of the Gold hourly table's commits at the low-latency cadence
 * ({@link HourlyCommits}, one per {@code --commit-every} simulated seconds), once without and once
 * with the maintenance job (its own code, every simulated hour, with its settings and any {@code
 * --conf spark.crypto.maintenance.*}), measured at hour 1 and at the last hour ({@link
 * TableState}).
 */
final class MetadataBench {

  private static final Instant DAY_START = Instant.parse("2026-01-05T00:00:00Z");

  private MetadataBench() {}

  static boolean run(BenchOptions options, BenchLakehouse lakehouse, Figures figures)
      throws Exception {
    int every = options.commitEvery();
    int hours = options.hours();
    MaintenanceSettings settings =
        MaintenanceSettings.from(lakehouse.jobSettings(), lakehouse.catalog());
    figures
        .configure("hours", hours)
        .configure("commit_every_s", every)
        .configure("commits_per_table", hours * (3600 / every))
        .configure("coins", options.coins())
        .configure("table", "gold.fact_crypto_hourly, copy-on-write rewrite of the day per commit")
        .configure("maintenance_every", "simulated hour")
        .configure("snapshot_retention_h", settings.snapshotRetention().toHours())
        .configure("retain_last", settings.retainLast())
        .configure("max_snapshots", settings.maxSnapshots());
    boolean ok = true;
    for (String variant : List.of("without", "with")) {
      lakehouse.reset(Layer.GOLD);
      LakehouseTables.ensureExist(lakehouse.spark(), lakehouse.catalog(), Tables.GOLD_FACT_HOURLY);
      String name = Tables.GOLD_FACT_HOURLY.qualifiedIn(lakehouse.catalog());
      Table table = Spark3Util.loadIcebergTable(lakehouse.spark(), name);
      HourlyCommits commits = new HourlyCommits(table, options.coins(), options.seed());
      SimulatedClock clock = new SimulatedClock(settings.snapshotRetention());
      MaintenanceRun maintenance =
          variant.equals("with") ? new MaintenanceRun(lakehouse.spark(), settings, clock) : null;
      TableState first = null;
      TableState last = null;
      long[] passMs = new long[hours + 1];
      for (int h = 1; h <= hours; h++) {
        long began = System.nanoTime();
        for (int k = 0; k < 3600 / every; k++) {
          Instant at = DAY_START.plus(Duration.ofHours(h - 1)).plusSeconds((long) k * every);
          commits.commit(at);
          clock.committed(at);
        }
        double commitMs = (System.nanoTime() - began) / 1e6 / (3600 / every);
        Instant now = DAY_START.plus(Duration.ofHours(h));
        if (maintenance != null) {
          clock.at(now);
          MaintenanceReport report = maintenance.run(List.of(Tables.GOLD_FACT_HOURLY));
          ok &= report.ok();
          passMs[h] = report.durationMillis();
        }
        if (h == 1 || h == hours) {
          TableState state = TableState.of(lakehouse.spark(), name, now, commitMs);
          first = h == 1 ? state : first;
          last = state;
        }
      }
      first.addTo(figures, variant + "_maintenance_h1");
      last.addTo(figures, variant + "_maintenance_h" + hours);
      figures.add(
          variant + "_maintenance_query_growth",
          last.queryMs() / first.queryMs(),
          "x",
          "last-24 h OHLC at hour " + hours + " / at hour 1");
      if (maintenance != null) {
        // What keeping the table small costs: one pass over the table, every simulated hour.
        figures.add("maintenance_pass_h1", passMs[1], "ms");
        figures.add("maintenance_pass_h" + hours, passMs[hours], "ms");
        figures.add(
            "maintenance_pass_max",
            Arrays.stream(passMs).max().orElse(0),
            "ms",
            "the slowest hourly pass");
      }
    }
    return ok;
  }

  /**
   * The maintenance job measures age on the wall clock; here a simulated day passes in minutes.
   * This clock makes "now minus the retention" fall on the real moment the simulated day was at
   * that point, so snapshots expire by their simulated age.
   */
  private static final class SimulatedClock extends Clock {

    private final Duration retention;
    private final NavigableMap<Instant, Instant> realAt = new TreeMap<>();
    private final Instant realStart = Instant.now();
    private Instant simulatedNow = DAY_START;

    SimulatedClock(Duration retention) {
      this.retention = retention;
    }

    void committed(Instant simulated) {
      realAt.put(simulated, Instant.now());
    }

    void at(Instant simulated) {
      simulatedNow = simulated;
    }

    @Override
    public Instant instant() {
      var cut = realAt.floorEntry(simulatedNow.minus(retention));
      return (cut == null ? realStart : cut.getValue()).plus(retention);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
