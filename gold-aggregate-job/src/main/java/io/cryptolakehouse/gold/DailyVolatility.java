package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Daily volatility per coin: the sample standard deviation of the log returns {@code ln(p_t /
 * p_t-1)} between consecutive observations of the same day (null with fewer than two returns). Not
 * annualised; comparable between coins observed at the same cadence. A day is a UTC day, as the
 * daily candle's.
 */
final class DailyVolatility {

  private DailyVolatility() {}

  /** One ordered pass per coin-day, the daily candle's ({@link Candles#dailyWithVolatility}). */
  static Dataset<Row> volatilityOf(Dataset<Row> silver) {
    return ofDailyCandles(Candles.dailyWithVolatility(silver));
  }

  /**
   * The volatility rows of {@link Candles#dailyWithVolatility}'s candles: a day's count, low and
   * high are its candle's.
   */
  static Dataset<Row> ofDailyCandles(Dataset<Row> days) {
    return days.select(
        col("coin_id"),
        // The UTC day, whatever the session's zone (to_date would take the session's).
        date_from_unix_date(Candles.utcDayOf(col("bucket_start")).cast("int")).alias("day"),
        col("volatility"),
        col("tick_count").alias("observations"),
        col("low_price").alias("min_price"),
        col("high_price").alias("max_price"),
        col("is_simulated"));
  }
}
