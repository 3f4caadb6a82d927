package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.to_date;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Daily volatility per coin: the sample standard deviation of the log returns {@code ln(p_t /
 * p_t-1)} between consecutive observations of the same UTC day (null with fewer than two returns).
 * Not annualised; comparable between coins observed at the same cadence.
 */
final class DailyVolatility {

  private DailyVolatility() {}

  static Dataset<Row> volatilityOf(Dataset<Row> silver) {
    Dataset<Row> daily =
        silver.select(
            col("crypto_symbol").alias("coin_id"),
            to_date(col("api_timestamp")).alias("day"),
            col("api_timestamp"),
            col("price_usd"),
            col("is_simulated"));
    Dataset<Row> returns =
        daily.withColumn(
            "log_return",
            log(
                col("price_usd")
                    .cast("double")
                    .divide(
                        lag(col("price_usd"), 1)
                            .over(
                                Window.partitionBy("coin_id", "day", "is_simulated")
                                    .orderBy("api_timestamp"))
                            .cast("double"))));
    return returns
        .groupBy("coin_id", "day", "is_simulated")
        .agg(
            stddev_samp(col("log_return")).alias("volatility"),
            count("*").alias("observations"),
            min(col("price_usd")).alias("min_price"),
            max(col("price_usd")).alias("max_price"))
        .select(
            "coin_id",
            "day",
            "volatility",
            "observations",
            "min_price",
            "max_price",
            "is_simulated");
  }
}
