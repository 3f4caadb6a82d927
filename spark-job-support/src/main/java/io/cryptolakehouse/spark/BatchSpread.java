package io.cryptolakehouse.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.plans.logical.Statistics;

/**
 * Spreads a large micro-batch over every core before CPU-heavy per-row work. Iceberg plans a
 * streaming batch as one task per data file (files are split only at Parquet row groups, 128 MB),
 * and an upstream job writes one file per batch: a catch-up's 100 MB Bronze file was parsed by one
 * task on one core while the other idled. Small batches, the live case, stay as they are: a shuffle
 * would only add a stage to their latency.
 */
public final class BatchSpread {

  /** Below this many rows (Iceberg's count from the batch's file metadata) a batch stays put. */
  static final long MIN_ROWS_TO_SPREAD = 1_000;

  private BatchSpread() {}

  /** The batch, round-robin over the session's default parallelism when large and narrow. */
  public static Dataset<Row> acrossCores(Dataset<Row> batch) {
    int cores = batch.sparkSession().sparkContext().defaultParallelism();
    if (cores < 2 || rowsOf(batch) < MIN_ROWS_TO_SPREAD) {
      return batch;
    }
    return batch.rdd().getNumPartitions() >= cores ? batch : batch.repartition(cores);
  }

  /** The planner's row count of the batch; 0 when it has none. */
  private static long rowsOf(Dataset<Row> batch) {
    if (batch instanceof org.apache.spark.sql.classic.Dataset<Row> classic) {
      Statistics stats = classic.queryExecution().optimizedPlan().stats();
      return stats.rowCount().isDefined() ? stats.rowCount().get().longValue() : 0;
    }
    return 0;
  }
}
