package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

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

  private static final String[] KEY = {
    "coin_id", "is_simulated", "bucket_interval", "bucket_start"
  };

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
    Dataset<Row> touched =
        Candles.bucketed(fresh.select("crypto_symbol", "is_simulated", "api_timestamp"))
            .select(
                col("crypto_symbol").alias("coin_id"),
                col("is_simulated"),
                col("bucket_interval"),
                col("bucket_start"))
            .distinct();
    return withRollups(minutesOf(daysRows))
        .join(broadcast(touched), KEY, "left_semi")
        .selectExpr(Candles.COLUMNS);
  }

  /** One-minute candles, with the price sum the rollups add up. */
  static Dataset<Row> minutesOf(Dataset<Row> silver) {
    return Candles.bucketed(silver, Interval.M1)
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
            sum(col("price_usd")).alias("price_sum"),
            max_by(col("volume_24h"), col("api_timestamp")).alias("last_volume_24h"),
            count("*").alias("tick_count"));
  }

  /** The minutes and every longer interval's candles, rolled up from them in one aggregation. */
  static Dataset<Row> withRollups(Dataset<Row> minutes) {
    Column[] longer =
        Arrays.stream(Interval.values())
            .filter(i -> i != Interval.M1)
            .map(
                i ->
                    struct(
                        lit(i.label).alias("interval"),
                        Candles.bucketBound("bucket_start", i.seconds, 0).alias("start"),
                        Candles.bucketBound("bucket_start", i.seconds, i.seconds).alias("end")))
            .toArray(Column[]::new);
    Dataset<Row> rolled =
        minutes
            .withColumn("b", explode(array(longer)))
            .groupBy(
                col("coin_id"),
                col("b.interval").alias("bucket_interval"),
                col("b.start").alias("bucket_start"),
                col("b.end").alias("bucket_end"),
                col("is_simulated"))
            .agg(
                min_by(col("open_price"), col("bucket_start")).alias("open_price"),
                max(col("high_price")).alias("high_price"),
                min(col("low_price")).alias("low_price"),
                max_by(col("close_price"), col("bucket_start")).alias("close_price"),
                sum(col("price_sum")).alias("price_sum"),
                max_by(col("last_volume_24h"), col("bucket_start")).alias("last_volume_24h"),
                sum(col("tick_count")).alias("tick_count"));
    return minutes
        .unionByName(rolled)
        .withColumn("avg_price", Candles.averageOf(col("price_sum"), col("tick_count")));
  }
}
