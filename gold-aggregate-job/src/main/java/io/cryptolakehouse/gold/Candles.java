package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.unix_micros;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Silver observations to OHLC candles at every interval users chart (1m, 5m, 15m, 1h, 1d), with the
 * hourly bar's rules: open and close by observation time, the rolling 24 h volume at the bucket's
 * last tick, real and simulated data never in one candle. Buckets are aligned to the epoch, so to
 * UTC: a day is a UTC day.
 */
final class Candles {

  /** An interval, as the {@code bucket_interval} column names it, and its length. */
  enum Interval {
    M1("1m", 60),
    M5("5m", 300),
    M15("15m", 900),
    H1("1h", 3_600),
    D1("1d", 86_400);

    final String label;
    final long seconds;

    Interval(String label, long seconds) {
      this.label = label;
      this.seconds = seconds;
    }
  }

  /** The candle table's unique key. */
  static final List<String> TABLE_KEY =
      List.of("coin_id", "bucket_interval", "bucket_start", "is_simulated");

  private Candles() {}

  /**
   * The candles of every bucket, at the {@code intervals} given, that a row of {@code fresh} falls
   * in, from the {@code silver} rows in those buckets. The batch's buckets are few and sent to
   * every task.
   */
  static Dataset<Row> touchedBy(Dataset<Row> silver, Dataset<Row> fresh, Interval... intervals) {
    Dataset<Row> touched =
        bucketed(fresh.select("crypto_symbol", "is_simulated", "api_timestamp"), intervals)
            .select(
                col("crypto_symbol").alias("coin_id"),
                col("bucket_interval"),
                col("bucket_start"),
                col("is_simulated"))
            .distinct();
    // Kept after the candles are made: far fewer rows to look up than observations per interval.
    return of(silver, intervals)
        .join(broadcast(touched), TABLE_KEY.toArray(String[]::new), "left_semi");
  }

  /**
   * A predicate on the candle table ({@code t}) that holds for the {@code intervals}' rows only.
   */
  static String scopeOf(Interval... intervals) {
    return Arrays.stream(intervals)
        .map(i -> "'" + i.label + "'")
        .collect(Collectors.joining(", ", "t.bucket_interval IN (", ")"));
  }

  /** Each observation once per interval, with that interval's bucket. */
  private static Dataset<Row> bucketed(Dataset<Row> silver, Interval... intervals) {
    Column[] buckets =
        Arrays.stream(intervals.length == 0 ? Interval.values() : intervals)
            .map(
                i ->
                    struct(
                        lit(i.label).alias("bucket_interval"),
                        bucketStart(i.seconds).alias("bucket_start")))
            .toArray(Column[]::new);
    return silver
        .withColumn("bucket", explode(array(buckets)))
        .withColumn("bucket_interval", col("bucket.bucket_interval"))
        .withColumn("bucket_start", col("bucket.bucket_start"))
        .drop("bucket");
  }

  /** The start of the observation's bucket of {@code seconds}. */
  private static Column bucketStart(long seconds) {
    // Whole seconds in integer arithmetic: exact, and the epoch (UTC) aligns every interval.
    return expr(
        "timestamp_seconds(unix_seconds(api_timestamp) div %d * %d)".formatted(seconds, seconds));
  }

  /**
   * The candles of these observations (every interval, or those named), by one ordered pass per
   * coin and UTC day ({@link CandleFold}). Every interval nests in a UTC day, so a day's rows hold
   * each of its candles whole, and a catch-up's days spread over every core even for one coin.
   */
  static Dataset<Row> of(Dataset<Row> silver, Interval... intervals) {
    Interval[] chosen = intervals.length == 0 ? Interval.values() : intervals;
    return fold(silver, new CandleFold(chosen), CandleFold.OUTPUT).select(COLUMNS);
  }

  /**
   * The daily candles, each with its day's {@code volatility} (see {@link DailyVolatility}) in a
   * column of its own, from one pass: both read every row of a coin's day in time order.
   */
  static Dataset<Row> dailyWithVolatility(Dataset<Row> silver) {
    Column[] columns = Arrays.copyOf(COLUMNS, COLUMNS.length + 1);
    columns[COLUMNS.length] = col("volatility");
    return fold(
            silver, new CandleFold(new Interval[] {Interval.D1}, true), CandleFold.WITH_VOLATILITY)
        .select(columns);
  }

  private static final Column[] COLUMNS = {
    col("coin_id"),
    col("bucket_interval"),
    timestamp_micros(col("start_micros")).alias("bucket_start"),
    timestamp_micros(col("end_micros")).alias("bucket_end"),
    col("open_price"),
    col("high_price"),
    col("low_price"),
    col("close_price"),
    col("avg_price"),
    col("last_volume_24h"),
    col("tick_count"),
    col("is_simulated")
  };

  /**
   * The UTC day a timestamp falls in, as days since the epoch: the daily candle's bucket, whatever
   * the session's time zone. Every reader of a day (the pass, the batch's days, the volatility's
   * date) uses this one.
   */
  static Column utcDayOf(Column timestamp) {
    return floor(unix_micros(timestamp).divide(Interval.D1.seconds * 1_000_000L));
  }

  private static Dataset<Row> fold(Dataset<Row> silver, CandleFold pass, StructType output) {
    return OrderedPass.apply(
        silver, utcDayOf(col("api_timestamp")), pass, output, "price_usd", "volume_24h");
  }
}
