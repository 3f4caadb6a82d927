package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.cryptolakehouse.gold.Candles.Interval;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.spark.HeldRows;
import io.cryptolakehouse.spark.IcebergMerge;
import io.cryptolakehouse.spark.SideBySide;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Gold's fast path, a streaming query of its own ({@link GoldAggregate#BARS_QUERY}): each batch of
 * new Silver rows recomputes the candles of the hours it touches, from 1m to 1h (so the hourly
 * bars), from Silver's rows of those hours ({@link RecentSilver}) and nothing more. What users
 * watch tick by tick then waits neither for the day-wide work of {@link GoldUpdate} (the daily
 * candle, volatility, alerts, ticks) nor for its batch to end: the two queries run side by side,
 * each in its own scheduler pool. Idempotent by key like every Gold write: a replayed batch writes
 * the same rows again.
 */
final class BarsUpdate {

  /** The intervals that nest within an hour: the hour's Silver rows are all they need. */
  static final Interval[] INTERVALS = {Interval.M1, Interval.M5, Interval.M15, Interval.H1};

  /**
   * Candles a batch writes by the driver at most: a live batch touches each coin's newest bucket at
   * four intervals. More (a catch-up's hours) go through Spark's {@code MERGE}.
   */
  static final int MOST_IN_DRIVER = 20_000;

  private static final Expression OWN_INTERVALS =
      Expressions.in(
          "bucket_interval", Arrays.stream(INTERVALS).map(i -> (Object) i.label).toArray());

  private static final Duration HOUR = Duration.ofHours(1);

  private final RecentSilver recent;
  private final IcebergMerge hourly;
  private final IcebergMerge candles;

  BarsUpdate(GoldConfig config) {
    String catalog = config.lakehouse().catalog();
    recent = new RecentSilver(Tables.SILVER_PRICES_CLEAN.qualifiedIn(catalog));
    hourly =
        new IcebergMerge(
            Tables.GOLD_FACT_HOURLY.qualifiedIn(catalog),
            List.of("coin_id", "hour_start", "is_simulated"),
            "hour_start");
    // The daily candles are GoldUpdate's: each writer scans and conflicts with its own intervals.
    candles =
        new IcebergMerge(
            Tables.GOLD_FACT_CANDLES.qualifiedIn(catalog),
            Candles.TABLE_KEY,
            "bucket_start",
            Candles.scopeOf(INTERVALS));
  }

  void apply(Dataset<Row> batch, long batchId) {
    HeldRows held = HeldRows.whenFirstRead(RecentSilver.onlyUsed(batch));
    try {
      Dataset<Row> fresh = held.rows();
      // Computes and holds the batch, in the same Spark job.
      Row range =
          fresh.agg(min(col("api_timestamp")), max(col("api_timestamp")), count("*")).first();
      if (range.isNullAt(0)) {
        return;
      }
      // Whole UTC hours, as the candles' buckets are aligned: a batch reads its hours, not days.
      Instant from = GoldUpdate.instantOf(range.get(0)).truncatedTo(ChronoUnit.HOURS);
      Instant until =
          GoldUpdate.instantOf(range.get(1))
              .truncatedTo(ChronoUnit.HOURS)
              .plus(1, ChronoUnit.HOURS);
      Dataset<Row> hours = recent.rowsIn(held, from, until);
      // Each observation touches one bucket per interval: the candles are known to be few before
      // they are computed, so a catch-up's are computed once, for the MERGE.
      if (range.getLong(2) * INTERVALS.length <= MOST_IN_DRIVER) {
        Dataset<Row> touched = Candles.touchedBy(hours, fresh, INTERVALS);
        upsertFew(touched.collectAsList(), touched.schema(), from, until, batchId);
      } else {
        // A catch-up touches nearly every bucket of its hours: all of them are recomputed, from
        // all of Silver's rows in those whole hours (so the same values for any it did not touch),
        // rather than looking up four buckets per observation to leave out the few.
        upsertMany(Candles.of(hours, INTERVALS), from, until, batchId);
      }
    } finally {
      recent.releaseUnlessKept(held);
    }
  }

  /** A live batch's candles, written by the driver: no Spark job for either table. */
  private void upsertFew(List<Row> few, StructType schema, Instant from, Instant until, long id) {
    List<Row> bars =
        few.stream().filter(r -> Interval.H1.label.equals(r.getAs("bucket_interval"))).toList();
    // Side by side: the newest minute's candle is as fresh as the hourly bar.
    SideBySide.run(
        () -> {
          Expression hours = within("hour_start", from, until);
          if (!hourly.upsertFew(bars, HourlyBars.CANDLE_FIELDS, hours, id)) {
            Dataset<Row> rows = SparkSession.active().createDataFrame(few, schema);
            hourly.upsertHeld(HourlyBars.fromCandles(rows), from, id);
          }
        },
        () -> {
          Expression scope = Expressions.and(within("bucket_start", from, until), OWN_INTERVALS);
          if (!candles.upsertFew(few, Map.of(), scope, id)) {
            candles.upsertHeld(SparkSession.active().createDataFrame(few, schema), from, id);
          }
        });
  }

  /**
   * A catch-up's candles: appended for the hours nobody wrote yet, by Spark's {@code MERGE} for the
   * others (the hour the batch before stopped in, or any hour of a replayed batch).
   */
  private void upsertMany(Dataset<Row> candlesOfHours, Instant from, Instant until, long id) {
    try (HeldRows held = HeldRows.of(candlesOfHours)) {
      // Every bucket starts in [from, until), and the rows are held: nothing to compute again.
      SideBySide.run(
          () -> hourly.upsertHeldBySlot(HourlyBars.fromCandles(held.rows()), from, until, HOUR, id),
          () -> candles.upsertHeldBySlot(held.rows(), from, until, HOUR, id));
    }
  }

  private static Expression within(String column, Instant from, Instant until) {
    return Expressions.and(
        Expressions.greaterThanOrEqual(column, micros(from)),
        Expressions.lessThan(column, micros(until)));
  }

  private static long micros(Instant at) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, at);
  }
}
