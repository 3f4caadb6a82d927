package io.cryptolakehouse.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * A micro-batch's rows computed once and held, as rows, for the several Spark jobs that read them,
 * then released when the batch is done.
 *
 * <p>Why not {@code Dataset.persist()}: Spark's cache stores columns, encoded and compressed, and
 * decodes them on every read. For {@code DECIMAL(38,18)} values that is a {@code BigInteger} per
 * value each way, plus a hash map per column to judge dictionary encoding: in a profile of a
 * catch-up, building the cache was 30 % of the executors' time. A batch lives for seconds, is read
 * two to four times, and is bounded by the jobs' batch caps, so rows as Spark already holds them
 * (memory, spilling to disk) are what it needs.
 */
public final class HeldRows implements AutoCloseable {

  private final Dataset<Row> rows;

  private HeldRows(Dataset<Row> rows) {
    this.rows = rows;
  }

  /** Computes the rows now (one Spark job) and holds them. */
  public static HeldRows of(Dataset<Row> computed) {
    return new HeldRows(computed.localCheckpoint(true, StorageLevel.MEMORY_AND_DISK()));
  }

  /**
   * Holds the rows as the first Spark job that reads them computes them: a batch's first question
   * (its time range, its counts) computes and holds it in one job. On a live batch of a few rows
   * each job is a fixed cost of scheduling and planning, paid every batch, on the path to the
   * freshest bar.
   */
  public static HeldRows whenFirstRead(Dataset<Row> computed) {
    return new HeldRows(computed.localCheckpoint(false, StorageLevel.MEMORY_AND_DISK()));
  }

  public Dataset<Row> rows() {
    return rows;
  }

  /**
   * Drops the held blocks now, rather than when the garbage collector finds the plan unreachable
   * (Spark's cleaner), which in a long catch-up can be many batches later.
   */
  @Override
  public void close() {
    if (rows instanceof org.apache.spark.sql.classic.Dataset<Row> classic
        && classic.queryExecution().analyzed() instanceof LogicalRDD held) {
      held.rdd().unpersist(false);
    }
  }
}
