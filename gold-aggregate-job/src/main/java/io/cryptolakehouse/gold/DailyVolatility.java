package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.expr;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

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
    return silver
        .select(
            col("crypto_symbol"),
            col("is_simulated"),
            expr("unix_date(to_date(api_timestamp))").alias("day_number"),
            expr("unix_micros(api_timestamp)").alias("at_micros"),
            col("price_usd"))
        // A row without a coin, a time or a flag is in no day (Silver writes all three).
        .filter(
            col("crypto_symbol")
                .isNotNull()
                .and(col("at_micros").isNotNull())
                .and(col("is_simulated").isNotNull()))
        .repartition(col("crypto_symbol"), col("is_simulated"), col("day_number"))
        .sortWithinPartitions("crypto_symbol", "is_simulated", "day_number", "at_micros")
        .select(Arrays.stream(VolatilityFold.INPUT).map(functions::col).toArray(Column[]::new))
        .mapPartitions(new VolatilityFold(), Encoders.row(VolatilityFold.OUTPUT))
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
