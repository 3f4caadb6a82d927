package io.cryptolakehouse.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.unix_micros;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.parser.ParseException;

/**
 * Idempotent writes of a micro-batch into an Iceberg table by unique key, for {@code foreachBatch}
 * (which is at-least-once: a batch may run again after a crash).
 *
 * <ul>
 *   <li>{@link #insertNew}: an insert-only {@code MERGE}, which Spark plans as an anti-join plus an
 *       <em>append</em>. Keys already present are skipped, and the table stays append-only, so a
 *       downstream job can stream from it (Iceberg's streaming read skips overwrite snapshots).
 *   <li>{@link #upsert}: {@code MERGE} that replaces rows with the same key: for tables nobody
 *       streams from (aggregates recomputed from their source).
 * </ul>
 *
 * <p>A {@code MERGE} that loses a race with a concurrent commit (the maintenance job compacting the
 * files it read) runs again: it is idempotent by key.
 *
 * @param table the qualified table name (from common-model's table ids, never user input)
 * @param keys the unique key; compared null-safely
 * @param pruneColumn a timestamp or date key column the table is partitioned by: only partitions
 *     from the batch's earliest value on are scanned for existing keys
 * @param scope a SQL predicate on the table's columns (as {@code t.column}) that every row this
 *     writer touches meets, or null: where two writers share a table by partition, each scans and
 *     conflicts with its own partitions only, instead of retrying every time the other commits
 */
public record IcebergMerge(String table, List<String> keys, String pruneColumn, String scope) {

  /**
   * Rows of existing files an upsert by the driver may rewrite (see {@link #upsertFew}); beyond,
   * Spark's {@code MERGE}, which spreads the rewrite over the executors.
   */
  private static final long MOST_CARRIED_IN_DRIVER = 200_000;

  private static final String UPSERT =
      "WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *";

  public IcebergMerge(String table, List<String> keys, String pruneColumn) {
    this(table, keys, pruneColumn, null);
  }

  public void insertNew(Dataset<Row> rows, long batchId) {
    merge(rows, batchId, "WHEN NOT MATCHED THEN INSERT *");
  }

  public void upsert(Dataset<Row> rows, long batchId) {
    merge(rows, batchId, UPSERT);
  }

  /**
   * {@link #upsert} of rows the caller already holds (see {@link HeldRows}: data, not a plan that
   * reads an Iceberg table) and whose earliest {@code pruneColumn} value it knows, or a bound below
   * it: spares the two Spark jobs that would hold them again and find that bound, which on a live
   * stream's small batches are a good part of the batch.
   */
  public void upsertHeld(Dataset<Row> held, Instant earliestBound, long batchId) {
    write(held, ChronoUnit.MICROS.between(Instant.EPOCH, earliestBound), batchId, UPSERT);
  }

  /**
   * {@link #upsertHeld} of rows whose {@code pruneColumn} lies in [{@code from}, {@code until}),
   * for a table whose rows in {@code scope} only this writer adds: rows of a {@code slot} (an hour,
   * say) in which the table holds no row yet are appended, and only the others merged. The prune
   * column being part of the key, a row in an empty slot cannot match an existing one, so the
   * append is what the {@code MERGE} would do, without its join, its rewrite of the files it
   * matches or its second shuffle. A catch-up's batch, which writes hours nobody wrote before, then
   * merges only the hour where the batch before it stopped.
   *
   * <p>Replays stay exact: a batch that committed some slots before a crash finds them taken and
   * merges them; the rest it appends.
   */
  public void upsertHeldBySlot(
      Dataset<Row> held, Instant from, Instant until, Duration slot, long batchId) {
    if (!keys.contains(pruneColumn)) {
      throw new IllegalStateException(pruneColumn + " is not part of the key of " + table);
    }
    long fromMicros = ChronoUnit.MICROS.between(Instant.EPOCH, from);
    String type = held.schema().apply(pruneColumn).dataType().sql();
    String slotOf = "unix_micros(CAST(%s AS TIMESTAMP)) div " + slot.toNanos() / 1_000;
    List<Object> taken =
        held
            .sparkSession()
            .sql(
                "SELECT DISTINCT "
                    + slotOf.formatted("t." + pruneColumn)
                    + " FROM "
                    + table
                    + " t WHERE t."
                    + pruneColumn
                    + " >= "
                    + valueAt(fromMicros, type)
                    + " AND t."
                    + pruneColumn
                    + " < "
                    + valueAt(ChronoUnit.MICROS.between(Instant.EPOCH, until), type)
                    + (scope == null ? "" : " AND " + scope))
            .collectAsList()
            .stream()
            .map(r -> r.get(0))
            .toList();
    if (taken.isEmpty()) {
      new IcebergAppend(table).append(held);
      return;
    }
    Column inTaken = expr(slotOf.formatted(pruneColumn)).isin(taken.toArray());
    write(held.filter(inTaken), fromMicros, batchId, UPSERT);
    new IcebergAppend(table).append(held.filter(not(inTaken)));
  }

  /**
   * {@link #upsert} of a few rows collected to the driver (a live batch's), by the driver alone
   * ({@link DriverMerge}): no Spark job, where a {@code MERGE} of so few rows is nearly all fixed
   * cost.
   *
   * @param fieldFor the row's field for each table column named otherwise
   * @param candidates an Iceberg filter that holds for every existing row that may share a key with
   *     {@code rows} (and for the rows themselves): the files it selects are the ones read
   * @return false, having written nothing, when the files to rewrite are not few, plain Parquet
   *     files: the caller then runs {@link #upsertHeld}
   */
  public boolean upsertFew(
      List<Row> rows, Map<String, String> fieldFor, Expression candidates, long batchId) {
    if (rows.isEmpty()) {
      return true;
    }
    SparkSession spark = SparkSession.active();
    Table target;
    try {
      target = Spark3Util.loadIcebergTable(spark, table);
    } catch (ParseException | NoSuchTableException e) {
      throw new IllegalStateException("Cannot load " + table, e);
    }
    List<Record> records =
        rows.stream().map(r -> IcebergRecords.of(target.schema(), r, fieldFor)).toList();
    DriverMerge driver = new DriverMerge(target, keys);
    return IcebergConflicts.retry(
        "upsert into " + table,
        () -> driver.upsert(records, candidates, MOST_CARRIED_IN_DRIVER, batchId));
  }

  private void merge(Dataset<Row> computed, long batchId, String actions) {
    // Computed once, here: the MERGE and the pruning bound then read the same rows, and the
    // temp view holds data rather than a plan (Spark 4.1 cannot plan a MERGE whose source view
    // reads another Iceberg table: "No plan for TableReference").
    try (HeldRows held = HeldRows.whenFirstRead(computed)) {
      Dataset<Row> rows = held.rows();
      // Computes and holds the rows, in the same Spark job.
      Row earliest = rows.agg(unix_micros(min(col(pruneColumn)).cast("timestamp"))).first();
      if (earliest.isNullAt(0)) {
        return; // nothing to write
      }
      write(rows, earliest.getLong(0), batchId, actions);
    }
  }

  private void write(Dataset<Row> rows, long earliestMicros, long batchId, String actions) {
    String view = "batch_" + table.replaceAll("\\W", "_") + "_" + batchId;
    rows.createOrReplaceTempView(view);
    try {
      IcebergConflicts.retry(
          "MERGE into " + table, () -> runMerge(rows, view, earliestMicros, actions));
    } finally {
      rows.sparkSession().catalog().dropTempView(view);
    }
  }

  private void runMerge(Dataset<Row> rows, String view, long earliestMicros, String actions) {
    String matches =
        keys.stream().map(k -> "t." + k + " <=> s." + k).collect(Collectors.joining(" AND "));
    rows.sparkSession()
        .sql(
            "MERGE INTO "
                + table
                + " t USING "
                + view
                + " s ON "
                + matches
                + " AND t."
                + pruneColumn
                + " >= "
                + valueAt(earliestMicros, rows.schema().apply(pruneColumn).dataType().sql())
                + " "
                + (scope == null ? "" : "AND " + scope + " ")
                + actions);
  }

  /** A SQL literal of the prune column's type (a timestamp or a date) at {@code micros}. */
  private static String valueAt(long micros, String type) {
    return "CAST(timestamp_micros(" + micros + ") AS " + type + ")";
  }
}
