package io.cryptolakehouse.maintenance;

import io.cryptolakehouse.spark.IcebergConflicts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Drops Bronze's raw records once they are older than the retention, whole day partitions at a
 * time. A file-level delete, never a rewrite: the commit is a {@code delete} snapshot, which
 * Silver's streaming read skips, and nothing younger than the cut-off is touched.
 */
final class BronzeRetention {

  private BronzeRetention() {}

  /** The cut-off: the start of the UTC day {@code retention} before {@code now}. */
  static Instant cutoff(Instant now, java.time.Duration retention) {
    return now.minus(retention).truncatedTo(ChronoUnit.DAYS);
  }

  /** Deletes the data files wholly before {@code cutoff}; returns the rows they held. */
  static long dropBefore(Table table, String column, Instant cutoff) {
    return drop(table, before(column, cutoff), "Bronze retention of " + table.name());
  }

  /** Rows of {@code column} before {@code cutoff}. */
  static Expression before(String column, Instant cutoff) {
    return Expressions.lessThan(
        column, TimeUnit.SECONDS.toMicros(cutoff.getEpochSecond()) + cutoff.getNano() / 1000);
  }

  /**
   * Deletes the data files whose rows all match {@code old} (whole partitions: the tables retention
   * applies to are partitioned by what it filters on); returns the rows they held.
   */
  static long drop(Table table, Expression old, String what) {
    long rows = 0;
    table.refresh();
    if (table.currentSnapshot() == null) {
      return 0;
    }
    try (CloseableIterable<FileScanTask> tasks = table.newScan().filter(old).planFiles()) {
      for (FileScanTask task : tasks) {
        rows += task.file().recordCount();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the old files of " + table.name(), e);
    }
    if (rows > 0) {
      // deleteFromRowFilter refuses a file that holds rows on both sides of the cut-off.
      IcebergConflicts.retry(what, () -> table.newDelete().deleteFromRowFilter(old).commit());
    }
    return rows;
  }
}
