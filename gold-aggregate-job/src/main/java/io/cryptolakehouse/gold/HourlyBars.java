package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Silver observations to hourly OHLC bars, one per coin per hour (real and simulated data never
 * share a bar). Open and close are the prices at the earliest and latest {@code api_timestamp}
 * ({@code min_by}/{@code max_by}): deterministic, unlike {@code first}/{@code last} after a
 * shuffle. Volume is CoinGecko's rolling 24 h figure at the hour's last tick — a level, not a flow,
 * so it is never summed.
 */
final class HourlyBars {

  static final String PRICE_TYPE = "DECIMAL(38,18)";

  private HourlyBars() {}

  static Dataset<Row> barsOf(Dataset<Row> silver) {
    return silver
        .withColumn("hour_start", date_trunc("hour", col("api_timestamp")))
        .groupBy(col("crypto_symbol").alias("coin_id"), col("hour_start"), col("is_simulated"))
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
            col("hour_start"),
            col("hour_start").plus(expr("INTERVAL 1 HOUR")).alias("hour_end"),
            col("open_price"),
            col("high_price"),
            col("low_price"),
            col("close_price"),
            col("avg_price"),
            col("last_volume_24h"),
            col("tick_count"),
            col("is_simulated"));
  }
}
