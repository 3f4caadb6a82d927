package io.cryptolakehouse.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * A plain append into an Iceberg table, for rows a job knows are new: no {@code MERGE}, so no join
 * against the table and no copy of the batch to plan it from. Appends never conflict with another
 * writer's commit (Iceberg retries the metadata swap itself). An empty batch commits nothing: an
 * empty snapshot would still cost every reader of the table's history.
 *
 * <p>Rows are known new either by a join the job needed anyway ({@link #append}), or because they
 * are a streaming micro-batch's own rows, which only a replay of that batch would write again
 * ({@link #appendOnce}).
 *
 * @param table the qualified table name (from common-model's table ids, never user input)
 * @param options Iceberg write options of every append
 */
public record IcebergAppend(String table, Map<String, String> options) {

  public IcebergAppend(String table) {
    this(table, Map.of());
  }

  /**
   * Appends written by the tasks that hold the rows, each file sorted by the table's write order,
   * without the range shuffle (and the pass that samples it) that spreads the table's order over
   * the tasks. For rows whose tasks already hold a slice of time each, as Silver's files do: the
   * files then follow time rather than coins, until compaction sorts them by the table's order.
   */
  public static IcebergAppend unshuffled(String table) {
    return new IcebergAppend(table, Map.of("distribution-mode", "none"));
  }

  /** Snapshot summary property naming the streaming query and batch that wrote the snapshot. */
  static final String WRITTEN_BY = "crypto.written-by";

  /** How far back a replayed batch's own commit can be: later commits are maintenance at most. */
  private static final int ANCESTORS_TO_SEARCH = 50;

  /** Appends {@code rows}; returns false when there were none. */
  public boolean append(Dataset<Row> rows) {
    return !rows.isEmpty() && write(rows, null);
  }

  /**
   * Appends {@code rows}, which the caller counted (in a job it ran anyway): no emptiness check, so
   * one Spark job fewer than {@link #append}. Returns false, writing nothing, when {@code count} is
   * 0.
   */
  public boolean appendCounted(Dataset<Row> rows, long count) {
    return count > 0 && write(rows, null);
  }

  /**
   * Appends a micro-batch's rows unless this batch of this query (whose id lives in its checkpoint)
   * committed them already: a batch replayed after a crash between the table's commit and the
   * checkpoint's. The newest snapshot the query wrote says which batch that was. When the table's
   * history no longer shows one (maintenance compacted and expired it), the rows are checked
   * against the table by {@code keys} instead, from the batch's earliest {@code pruneColumn} on.
   */
  public boolean appendOnce(
      Dataset<Row> rows, long batchId, List<String> keys, String pruneColumn) {
    SparkSession spark = rows.sparkSession();
    String queryId = spark.sparkContext().getLocalProperty("sql.streaming.queryId");
    if (queryId == null) {
      queryId = "outside-a-stream"; // a caller's own batch (a test): its batch ids are the guard
    }
    String writer = queryId + "/" + batchId;
    String last = lastWriterOf(spark, queryId);
    if (writer.equals(last)) {
      return false;
    }
    Dataset<Row> fresh = last == null ? notInTable(rows, keys, pruneColumn) : rows;
    return !fresh.isEmpty() && write(fresh, writer);
  }

  private Dataset<Row> notInTable(Dataset<Row> rows, List<String> keys, String pruneColumn) {
    Row earliest = rows.agg(min(col(pruneColumn))).first();
    if (earliest.isNullAt(0)) {
      return rows;
    }
    Dataset<Row> stored =
        rows.sparkSession()
            .table(table)
            .where(col(pruneColumn).geq(lit(earliest.get(0))))
            .select(keys.stream().map(functions::col).toArray(Column[]::new));
    return rows.join(stored, keys.toArray(String[]::new), "left_anti");
  }

  private boolean write(Dataset<Row> rows, String writer) {
    var write = rows.writeTo(table).options(options);
    if (writer != null) {
      write = write.option("snapshot-property." + WRITTEN_BY, writer);
    }
    try {
      write.append();
    } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
      throw new IllegalStateException("table " + table + " is gone: " + e.getMessage(), e);
    }
    return true;
  }

  /** The writer of the newest snapshot the query wrote, or null. */
  private String lastWriterOf(SparkSession spark, String queryId) {
    Table iceberg = load(spark);
    iceberg.refresh(); // the catalog may cache the table object
    Snapshot snapshot = iceberg.currentSnapshot();
    for (int i = 0; snapshot != null && i < ANCESTORS_TO_SEARCH; i++) {
      String writer = snapshot.summary().get(WRITTEN_BY);
      if (writer != null && writer.startsWith(queryId + "/")) {
        return writer;
      }
      Long parent = snapshot.parentId();
      snapshot = parent == null ? null : iceberg.snapshot(parent);
    }
    return null;
  }

  private Table load(SparkSession spark) {
    try {
      return Spark3Util.loadIcebergTable(spark, table);
    } catch (Exception e) {
      throw new IllegalStateException("cannot load table " + table + ": " + e.getMessage(), e);
    }
  }
}
