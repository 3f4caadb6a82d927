package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.expr;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Daily volatility per coin: the sample standard deviation of the log returns {@code ln(p_t /
 * p_t-1)} between consecutive observations of the same day (null with fewer than two returns). Not
 * annualised; comparable between coins observed at the same cadence. A day is the session time
 * zone's (UTC in every job), as {@code to_date} counts it.
 */
final class DailyVolatility {

  private DailyVolatility() {}

  /** One ordered pass per coin-day ({@link VolatilityFold}). */
  static Dataset<Row> volatilityOf(Dataset<Row> silver) {
    return OrderedPass.apply(
            silver,
            expr("unix_date(to_date(api_timestamp))"),
            new VolatilityFold(),
            VolatilityFold.OUTPUT,
            "price_usd")
        .select(
            col("coin_id"),
            date_from_unix_date(col("day_number")).alias("day"),
            col("volatility"),
            col("observations"),
            col("min_price"),
            col("max_price"),
            col("is_simulated"));
  }
}
