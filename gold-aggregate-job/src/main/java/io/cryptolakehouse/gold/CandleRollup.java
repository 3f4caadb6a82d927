package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.array;
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
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.cryptolakehouse.gold.Candles.Interval;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The stream's candles: a batch's Silver rows aggregated once into minutes, and every longer
 * interval rolled up from those minutes (each interval is a whole number of minutes, aligned to the
 * epoch), instead of each observation bucketed five times. Open and close by the minutes' start,
 * sums and counts added up: the same candles as {@link Candles#of}, which the tests check.
 */
final class CandleRollup {

  private static final String[] KEY = {"coin_id", "is_simulated", "length_s", "start_s"};

  private CandleRollup() {}

  /**
   * The candles of every bucket, at every interval, that a row of {@code fresh} falls in, from the
   * {@code silver} rows of the UTC days those rows are in (a day is the longest bucket).
   */
  static Dataset<Row> touchedBy(Dataset<Row> silver, Dataset<Row> fresh) {
    Column day = Candles.bucketBound("api_timestamp", Interval.D1.seconds, 0);
    String[] dayKey = {"crypto_symbol", "is_simulated", "day"};
    // The batch's coin-days are few, and sent to every task (held rows carry no size estimate).
    Dataset<Row> days =
        fresh.select(col("crypto_symbol"), col("is_simulated"), day.alias("day")).distinct();
    Dataset<Row> daysRows =
        silver.withColumn("day", day).join(broadcast(days), dayKey, "left_semi").drop("day");
    Column[] buckets =
        Arrays.stream(Interval.values())
            .map(
                i ->
                    struct(
                        lit(i.seconds).alias("length_s"),
                        expr("unix_seconds(api_timestamp) div %d * %d"
                                .formatted(i.seconds, i.seconds))
                            .alias("start_s")))
            .toArray(Column[]::new);
    Dataset<Row> touched =
        fresh
            .select(
                col("crypto_symbol").alias("coin_id"),
                col("is_simulated"),
                explode(array(buckets)).alias("b"))
            .select("coin_id", "is_simulated", "b.length_s", "b.start_s")
            .distinct();
    return asCandles(withRollups(minutesOf(daysRows)).join(broadcast(touched), KEY, "left_semi"));
  }

  /** One-minute candles, with the price sum the rollups add up and the minute's epoch second. */
  static Dataset<Row> minutesOf(Dataset<Row> silver) {
    // Grouped by numbers, not the interval's label and bounds: the hash map's keys stay short.
    return silver
        .groupBy(
            col("crypto_symbol").alias("coin_id"),
            col("is_simulated"),
            expr("unix_seconds(api_timestamp) div 60 * 60").alias("start_s"))
        .agg(
            min_by(col("price_usd"), col("api_timestamp")).alias("open_price"),
            max(col("price_usd")).alias("high_price"),
            min(col("price_usd")).alias("low_price"),
            max_by(col("price_usd"), col("api_timestamp")).alias("close_price"),
            sum(col("price_usd")).alias("price_sum"),
            max_by(col("volume_24h"), col("api_timestamp")).alias("last_volume_24h"),
            count("*").alias("tick_count"))
        .withColumn("length_s", lit(Interval.M1.seconds));
  }

  /** The minutes and every longer interval's candles, rolled up from them in one aggregation. */
  static Dataset<Row> withRollups(Dataset<Row> minutes) {
    Column[] longer =
        Arrays.stream(Interval.values())
            .filter(i -> i != Interval.M1)
            .map(
                i ->
                    struct(
                        lit(i.seconds).alias("length_s"),
                        expr("start_s div %d * %d".formatted(i.seconds, i.seconds))
                            .alias("start_s")))
            .toArray(Column[]::new);
    Dataset<Row> rolled =
        minutes
            .withColumn("b", explode(array(longer)))
            .groupBy(
                col("coin_id"),
                col("is_simulated"),
                col("b.start_s").alias("start_s"),
                col("b.length_s").alias("length_s"))
            .agg(
                min_by(col("open_price"), col("start_s")).alias("open_price"),
                max(col("high_price")).alias("high_price"),
                min(col("low_price")).alias("low_price"),
                max_by(col("close_price"), col("start_s")).alias("close_price"),
                sum(col("price_sum")).alias("price_sum"),
                max_by(col("last_volume_24h"), col("start_s")).alias("last_volume_24h"),
                sum(col("tick_count")).alias("tick_count"));
    return minutes.unionByName(rolled);
  }

  /** Candles as the table holds them, from the numbers the aggregations group by. */
  static Dataset<Row> asCandles(Dataset<Row> rolled) {
    return rolled
        .withColumn("bucket_interval", labelOf(col("length_s")))
        .withColumn("bucket_start", expr("timestamp_seconds(start_s)"))
        .withColumn("bucket_end", expr("timestamp_seconds(start_s + length_s)"))
        .withColumn("avg_price", Candles.averageOf(col("price_sum"), col("tick_count")))
        .selectExpr(Candles.COLUMNS);
  }

  private static Column labelOf(Column lengthSeconds) {
    Column label = lit(null).cast("string");
    for (Interval i : Interval.values()) {
      label = when(lengthSeconds.equalTo(i.seconds), i.label).otherwise(label);
    }
    return label;
  }
}
