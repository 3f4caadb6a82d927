package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.cryptolakehouse.spark.HeldRows;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Silver's rows of the latest hours, held in memory between the bars query's batches. Live, Silver
 * commits a small file per batch, and an hour's candles need every row of the hour: read from the
 * table, a batch late in the hour opened thousands of files (and Gold's batches grew through the
 * hour). Held, the rows are read from the table once (when the query starts, or when the batches
 * leave the held hours), then each batch adds its own rows.
 *
 * <p>Exact, because the stream hands Gold every Silver row exactly once: the held rows are what the
 * table held when they were read plus every row streamed since. A row read from the table that the
 * stream delivers again later (committed between the batch's end and the read) is the same row
 * under Silver's unique key, counted once. A row Silver committed after the batch is missing, as it
 * is missing from any batch that reads before it: the batch that brings it recomputes its candles.
 * Batches beyond the held hours (a catch-up, very late rows) read the table.
 */
final class RecentSilver implements AutoCloseable {

  /** Batches spanning more read the table: a catch-up, not worth holding. */
  private static final Duration MOST_HELD = Duration.ofHours(3);

  /** Rows from the batch's hour back this far stay held: a row seconds late stays cheap. */
  private static final Duration KEPT_BEFORE = Duration.ofHours(1);

  /** Batches added before the pieces are merged into one (each piece is a task per read). */
  private static final int MOST_PIECES = 16;

  private static final String[] KEY = {"crypto_symbol", "api_timestamp", "is_simulated"};

  /**
   * The columns the candles are made of, all that is held: a Silver row's other eight (two more
   * decimals among them) would be converted into every held row and out of it on every read.
   */
  static final String[] COLUMNS = {
    "crypto_symbol", "is_simulated", "api_timestamp", "price_usd", "volume_24h"
  };

  private final String table;
  private Instant heldFrom;
  private HeldRows base;
  private final List<HeldRows> pieces = new ArrayList<>();

  RecentSilver(String table) {
    this.table = table;
  }

  /**
   * Silver's rows in [{@code from}, {@code until}) for a batch of {@code fresh} rows in it, both
   * with {@link #COLUMNS} only ({@link #onlyUsed}). The batch's held rows are kept as they are, as
   * the next batches' piece of the hours, rather than copied (a Spark job per batch): the caller
   * gives them back with {@link #releaseUnlessKept} when its batch is done, not closing them
   * itself.
   */
  Dataset<Row> rowsIn(HeldRows fresh, Instant from, Instant until) {
    SparkSession spark = fresh.rows().sparkSession();
    if (Duration.between(from, until).compareTo(MOST_HELD) > 0) {
      close();
      return readTable(spark, from).filter(before(until));
    }
    if (base == null) {
      heldFrom = from.minus(KEPT_BEFORE);
      base = HeldRows.of(readTable(spark, heldFrom)); // this batch's rows included
    } else {
      // Rows before heldFrom (late ones) ride along unread: every read filters from heldFrom on.
      pieces.add(fresh);
      if (pieces.size() >= MOST_PIECES || from.minus(KEPT_BEFORE).isAfter(heldFrom)) {
        merge(from.minus(KEPT_BEFORE), fresh);
      }
    }
    if (from.isBefore(heldFrom)) {
      return readTable(spark, from).filter(before(until)); // late rows beyond the held hours
    }
    return held()
        .filter(col("api_timestamp").geq(stamp(from)).and(before(until)))
        .dropDuplicates(KEY);
  }

  /** Closes a batch's rows, unless they are held for the next batches. */
  void releaseUnlessKept(HeldRows fresh) {
    if (!pieces.contains(fresh)) {
      fresh.close();
    }
  }

  /**
   * Folds the pieces into the base, dropping rows before {@code keepFrom} and rows read twice; the
   * batch's own piece ({@code inUse}) stays open for the rest of its batch, then is released.
   */
  private void merge(Instant keepFrom, HeldRows inUse) {
    Instant start = keepFrom.isAfter(heldFrom) ? keepFrom : heldFrom;
    HeldRows merged =
        HeldRows.of(held().filter(col("api_timestamp").geq(stamp(start))).dropDuplicates(KEY));
    pieces.remove(inUse);
    close();
    base = merged;
    heldFrom = start;
  }

  private Dataset<Row> held() {
    Dataset<Row> all = base.rows();
    for (HeldRows piece : pieces) {
      all = all.unionByName(piece.rows());
    }
    return all;
  }

  private Dataset<Row> readTable(SparkSession spark, Instant from) {
    return onlyUsed(spark.table(table)).filter(col("api_timestamp").geq(stamp(from)));
  }

  /** Silver's rows with {@link #COLUMNS} only, as {@link #rowsIn} takes a batch's. */
  static Dataset<Row> onlyUsed(Dataset<Row> silver) {
    return silver.select(COLUMNS[0], Arrays.copyOfRange(COLUMNS, 1, COLUMNS.length));
  }

  private static Column before(Instant until) {
    return col("api_timestamp").lt(stamp(until));
  }

  private static Column stamp(Instant at) {
    return lit(Timestamp.from(at));
  }

  /** Releases every held row; the next batch reads the table again. */
  @Override
  public void close() {
    pieces.forEach(HeldRows::close);
    pieces.clear();
    if (base != null) {
      base.close();
      base = null;
    }
  }
}
