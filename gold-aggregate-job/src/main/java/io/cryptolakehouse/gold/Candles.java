package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.array;
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
import static org.apache.spark.sql.functions.sum;

import java.util.Arrays;
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

  /** A candle's columns, in the table's order. */
  static final String[] COLUMNS = {
    "coin_id",
    "bucket_interval",
    "bucket_start",
    "bucket_end",
    "open_price",
    "high_price",
    "low_price",
    "close_price",
    "avg_price",
    "last_volume_24h",
    "tick_count",
    "is_simulated"
  };

  private Candles() {}

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
    return bucketBound("api_timestamp", seconds, offset);
  }

  /**
   * The start of the bucket of {@code seconds} that {@code timestamp} is in, plus {@code offset}.
   */
  static Column bucketBound(String timestamp, long seconds, long offset) {
    // Whole seconds in integer arithmetic: exact, and the epoch (UTC) aligns every interval.
    return expr(
        "timestamp_seconds(unix_seconds(%s) div %d * %d + %d)"
            .formatted(timestamp, seconds, seconds, offset));
  }

  /**
   * The average as both paths compute it, the sum over the count rounded to the stored scale: a
   * rolled-up candle's average ({@link CandleRollup}) is then the same value as this direct one.
   */
  static Column averageOf(Column sum, Column count) {
    return sum.divide(count).cast(PRICE_TYPE);
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
            averageOf(sum(col("price_usd")), count("*")).alias("avg_price"),
            max_by(col("volume_24h"), col("api_timestamp")).alias("last_volume_24h"),
            count("*").alias("tick_count"))
        .selectExpr(COLUMNS);
  }

  /**
   * The candles of these observations (every interval, or those named), each observation bucketed
   * at every interval: the definition, which the recompute uses; the stream rolls its candles up
   * from the minutes instead ({@link CandleRollup}).
   */
  static Dataset<Row> of(Dataset<Row> silver, Interval... intervals) {
    return candlesOf(bucketed(silver, intervals));
  }
}
