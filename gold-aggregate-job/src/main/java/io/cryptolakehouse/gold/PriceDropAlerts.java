package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.unix_seconds;

import java.time.Duration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Price-drop alerts: a coin is "dropping" at an observation when its price is more than {@code
 * thresholdPct} below the highest price of the preceding {@code window}. One alert per episode —
 * the first observation of a run of dropping observations — identified by coin and that
 * observation's time, so recomputing the same data yields the same alerts.
 */
final class PriceDropAlerts {

  private PriceDropAlerts() {}

  static Dataset<Row> episodesOf(Dataset<Row> silver, double thresholdPct, Duration window) {
    WindowSpec perCoin =
        Window.partitionBy("crypto_symbol", "is_simulated")
            .orderBy(unix_seconds(col("api_timestamp")));
    WindowSpec lookBack = perCoin.rangeBetween(-window.toSeconds(), 0);
    Dataset<Row> ticks =
        silver
            .withColumn("window_max", max(col("price_usd")).over(lookBack))
            .withColumn(
                "window_start", max_by(col("api_timestamp"), col("price_usd")).over(lookBack))
            .withColumn(
                "pct_change",
                col("price_usd")
                    .cast("double")
                    .divide(col("window_max").cast("double"))
                    .minus(1)
                    .multiply(100))
            .withColumn("dropping", col("pct_change").leq(-thresholdPct));
    return ticks
        .withColumn("was_dropping", coalesce(lag(col("dropping"), 1).over(perCoin), lit(false)))
        .filter(col("dropping").and(col("was_dropping").equalTo(false)))
        .select(
            concat_ws("@", col("crypto_symbol"), col("api_timestamp").cast("string"))
                .alias("alert_id"),
            col("crypto_symbol").alias("coin_id"),
            col("window_start"),
            col("api_timestamp").alias("window_end"),
            col("window_max").alias("from_price"),
            col("price_usd").alias("to_price"),
            col("pct_change"),
            current_timestamp().alias("detected_at"),
            col("is_simulated"));
  }
}
