package io.cryptolakehouse.maintenance;

import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.spark.IcebergConflicts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.iceberg.relocated.com.google.common.collect.Iterables;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One table's maintenance, in the order that frees the most: drop aged-out Bronze partitions,
 * compact data files, rewrite manifests, then expire snapshots (which deletes the files the first
 * steps replaced, once no kept snapshot needs them), then remove orphan files.
 */
final class TableMaintenance {

  private static final Logger log = LoggerFactory.getLogger(TableMaintenance.class);

  private final SparkSession spark;
  private final MaintenanceSettings settings;
  private final StreamPositions streams;

  TableMaintenance(SparkSession spark, MaintenanceSettings settings, StreamPositions streams) {
    this.spark = spark;
    this.settings = settings;
    this.streams = streams;
  }

  TableReport run(TablePlan plan, Table table, Instant now) {
    long started = System.nanoTime();
    TableStats before = TableStats.of(table);
    long dropped = 0;
    if (plan.table().equals(Tables.GOLD_FACT_CANDLES)) {
      dropped = CandleRetention.drop(table, settings.candleRetention(), now);
    }
    if (plan.retentionColumn() != null && !settings.bronzeRetention().isZero()) {
      dropped =
          BronzeRetention.dropBefore(
              table,
              plan.retentionColumn(),
              BronzeRetention.cutoff(now, settings.bronzeRetention()));
    }
    Compaction.Result compacted =
        Compaction.compact(spark, table, plan.sortBy(), settings.minInputFiles());
    long manifests = Compaction.rewriteManifests(spark, table, settings.minManifests());
    Expiry expiry = expireSnapshots(table, now);
    long expired = expiry.expired();
    long orphans = OrphanFiles.remove(spark, table, now.minus(settings.orphanAge()));
    TableStats after = TableStats.of(table);
    return new TableReport(
        plan.table().toString(),
        before.dataFiles(),
        after.dataFiles(),
        before.maxFilesPerPartition(),
        after.maxFilesPerPartition(),
        before.bytes(),
        after.bytes(),
        before.snapshots(),
        after.snapshots(),
        // Counted, not derived: the streams commit new snapshots meanwhile.
        expired,
        before.manifests(),
        after.manifests(),
        compacted.rewrittenFiles(),
        compacted.addedFiles(),
        manifests,
        dropped,
        orphans,
        (System.nanoTime() - started) / 1_000_000,
        expiry.pinnedBy(),
        compacted.failedFiles() == 0
            ? null
            : compacted.failedFiles() + " files could not be compacted (concurrent commits)");
  }

  /** How many snapshots went, and what kept older ones than the settings would (null: nothing). */
  private record Expiry(long expired, String pinnedBy) {}

  /**
   * Expires what is older than the retention, or beyond the newest {@code maxSnapshots}, and that
   * no stream needs.
   */
  private Expiry expireSnapshots(Table table, Instant now) {
    table.refresh();
    List<Long> times = new ArrayList<>();
    table.snapshots().forEach(s -> times.add(s.timestampMillis()));
    long cutoff =
        Math.max(
            now.minus(settings.snapshotRetention()).toEpochMilli(),
            newestKept(times, settings.maxSnapshots()));
    String pinnedBy = null;
    Optional<StreamPositions.Pin> needed = streams.oldestNeeded(table);
    if (needed.isPresent() && needed.get().timestampMillis() < cutoff) {
      cutoff = needed.get().timestampMillis();
      Instant pinnedAt = Instant.ofEpochMilli(cutoff);
      boolean beyondRetention = pinnedAt.isBefore(now.minus(settings.snapshotRetention()));
      pinnedBy =
          needed.get().by()
              + " at "
              + pinnedAt
              + (beyondRetention
                  ? ", older than the " + settings.snapshotRetention().toHours() + " h retention"
                  : "");
      if (beyondRetention) {
        log.warn(
            "{}: snapshots older than the retention are kept for {}; a stopped query holds them"
                + " until it runs again or its checkpoint is deleted",
            table.name(),
            pinnedBy);
      }
    }
    long expireBefore = cutoff;
    streams.advanceBaselines(table, expireBefore);
    long count = olderThan(table, expireBefore);
    if (count == 0) {
      // Nothing old enough: spare a metadata commit that would change nothing.
      return new Expiry(0, pinnedBy);
    }
    // Iceberg's table API, not the Spark action: the action finds the files to delete by reading
    // the manifests of every snapshot, kept ones included, in Spark jobs, so a pass that expired
    // 120 of 1 120 snapshots took over a minute (docs/benchmarks.md, metadata). On a history with
    // one branch the table API reads only what the expired snapshots changed.
    IcebergConflicts.retry(
        "snapshot expiry of " + table.name(),
        () ->
            table
                .expireSnapshots()
                .expireOlderThan(expireBefore)
                .retainLast(settings.retainLast())
                .commit());
    table.refresh();
    return new Expiry(count - olderThan(table, expireBefore), pinnedBy);
  }

  /**
   * The commit time of the {@code max}-th newest snapshot, so that expiring what is older keeps
   * {@code max} (more when several share a millisecond); the earliest time when there are no more.
   */
  static long newestKept(List<Long> snapshotTimes, int max) {
    if (snapshotTimes.size() <= max) {
      return Long.MIN_VALUE;
    }
    List<Long> newestFirst = new ArrayList<>(snapshotTimes);
    newestFirst.sort(Comparator.reverseOrder());
    return newestFirst.get(max - 1);
  }

  private static long olderThan(Table table, long millis) {
    return Iterables.size(Iterables.filter(table.snapshots(), s -> s.timestampMillis() < millis));
  }
}
