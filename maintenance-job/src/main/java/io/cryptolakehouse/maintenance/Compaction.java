package io.cryptolakehouse.maintenance;

import io.cryptolakehouse.spark.IcebergConflicts;
import java.util.List;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.actions.RewriteManifests;
import org.apache.iceberg.relocated.com.google.common.collect.Iterables;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.spark.sql.SparkSession;

/**
 * Rewrites small data files into few large ones, and many manifests into few. Only partitions with
 * at least {@code minInputFiles} small files are rewritten, so a quiet day is not rewritten over
 * and over. Runs beside the streams: appends never conflict with a rewrite; a group that lost a
 * race with an upsert is left for the next run (partial progress), and the whole action is retried
 * when its commit conflicts.
 */
final class Compaction {

  private static final int ROUNDS = 3;

  private Compaction() {}

  record Result(long rewrittenFiles, long addedFiles, long rewrittenBytes, long failedFiles) {}

  static Result compact(SparkSession spark, Table table, List<String> sortBy, int minInputFiles) {
    long rewritten = 0;
    long added = 0;
    long bytes = 0;
    long failed = 0;
    for (int round = 0; round < ROUNDS; round++) {
      RewriteDataFiles.Result r =
          IcebergConflicts.retry(
              "compaction of " + table.name(),
              () ->
                  layout(SparkActions.get(spark).rewriteDataFiles(table), table, sortBy)
                      .option("min-input-files", String.valueOf(minInputFiles))
                      .option(RewriteDataFiles.PARTIAL_PROGRESS_ENABLED, "true")
                      .option(RewriteDataFiles.PARTIAL_PROGRESS_MAX_COMMITS, "10")
                      .execute());
      rewritten += r.rewrittenDataFilesCount();
      added += r.addedDataFilesCount();
      bytes += r.rewrittenBytesCount();
      failed = r.failedDataFilesCount();
      if (failed == 0) {
        break;
      }
      table.refresh(); // some groups lost a race with a concurrent commit: plan them again
    }
    return new Result(rewritten, added, bytes, failed);
  }

  private static RewriteDataFiles layout(
      RewriteDataFiles action, Table table, List<String> sortBy) {
    if (!sortBy.isEmpty()) {
      SortOrder.Builder order = SortOrder.builderFor(table.schema());
      sortBy.forEach(column -> order.asc(column, NullOrder.NULLS_FIRST));
      return action.sort(order.build());
    }
    return table.sortOrder().isSorted() ? action.sort() : action.binPack();
  }

  /** Rewrites the manifests when there are at least {@code minManifests}; returns how many. */
  static long rewriteManifests(SparkSession spark, Table table, int minManifests) {
    table.refresh();
    if (table.currentSnapshot() == null
        || table.currentSnapshot().dataManifests(table.io()).size() < minManifests) {
      return 0;
    }
    RewriteManifests.Result r =
        IcebergConflicts.retry(
            "manifest rewrite of " + table.name(),
            () -> SparkActions.get(spark).rewriteManifests(table).execute());
    return Iterables.size(r.rewrittenManifests());
  }
}
