package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.struct;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Silver observations to OHLC candles at every interval users chart (1m, 5m, 15m, 1h, 1d), with the
 * hourly bar's rules: open and close by observation time ({@code min_by}/{@code max_by}), the
 * rolling 24 h volume at the bucket's last tick, real and simulated data never in one candle.
 * Buckets are aligned to the epoch, so to UTC: a day is a UTC day.
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

  static final String PRICE_TYPE = "DECIMAL(38,18)";

  /** The candle table's unique key. */
  static final List<String> TABLE_KEY =
      List.of("coin_id", "bucket_interval", "bucket_start", "is_simulated");

  static final List<String> BUCKET_KEY =
      List.of("crypto_symbol", "is_simulated", "bucket_interval", "bucket_start");

  private Candles() {}

  /**
   * The candles of every bucket, at the {@code intervals} given, that a row of {@code fresh} falls
   * in, from the {@code silver} rows in those buckets. The batch's buckets are few and sent to
   * every task.
   */
  static Dataset<Row> touchedBy(Dataset<Row> silver, Dataset<Row> fresh, Interval... intervals) {
    String[] key = BUCKET_KEY.toArray(String[]::new);
    Dataset<Row> touched =
        bucketed(fresh.select("crypto_symbol", "is_simulated", "api_timestamp"), intervals)
            .selectExpr(key)
            .distinct();
    return candlesOf(bucketed(silver, intervals).join(broadcast(touched), key, "left_semi"));
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
  static Dataset<Row> bucketed(Dataset<Row> silver, Interval... intervals) {
    Column[] buckets =
        Arrays.stream(intervals.length == 0 ? Interval.values() : intervals)
            .map(
                i ->
                    struct(
                        lit(i.label).alias("bucket_interval"),
                        bucketBound(i.seconds, 0).alias("bucket_start"),
                        bucketBound(i.seconds, i.seconds).alias("bucket_end")))
            .toArray(Column[]::new);
    return silver
        .withColumn("bucket", explode(array(buckets)))
        .withColumn("bucket_interval", col("bucket.bucket_interval"))
        .withColumn("bucket_start", col("bucket.bucket_start"))
        .withColumn("bucket_end", col("bucket.bucket_end"))
        .drop("bucket");
  }

  /** The start of the observation's bucket of {@code seconds}, plus {@code offset} seconds. */
  private static Column bucketBound(long seconds, long offset) {
    // Whole seconds in integer arithmetic: exact, and the epoch (UTC) aligns every interval.
    return expr(
        "timestamp_seconds(unix_seconds(api_timestamp) div %d * %d + %d)"
            .formatted(seconds, seconds, offset));
  }

  /** The candles of bucketed observations (see {@link #bucketed}). */
  static Dataset<Row> candlesOf(Dataset<Row> bucketed) {
    return bucketed
        .groupBy(
            col("crypto_symbol").alias("coin_id"),
            col("bucket_interval"),
            col("bucket_start"),
            col("bucket_end"),
            col("is_simulated"))
        .agg(
            min_by(col("price_usd"), col("api_timestamp")).alias("open_price"),
            max(col("price_usd")).alias("high_price"),
            min(col("price_usd")).alias("low_price"),
            max_by(col("price_usd"), col("api_timestamp")).alias("close_price"),
            avg(col("price_usd")).cast(PRICE_TYPE).alias("avg_price"),
            max_by(col("volume_24h"), col("api_timestamp")).alias("last_volume_24h"),
            count("*").alias("tick_count"))
        .select(
            col("coin_id"),
            col("bucket_interval"),
            col("bucket_start"),
            col("bucket_end"),
            col("open_price"),
            col("high_price"),
            col("low_price"),
            col("close_price"),
            col("avg_price"),
            col("last_volume_24h"),
            col("tick_count"),
            col("is_simulated"));
  }

  /** The candles of these observations (every interval, or those named): one pass. */
  static Dataset<Row> of(Dataset<Row> silver, Interval... intervals) {
    return candlesOf(bucketed(silver, intervals));
  }
}
