package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.col;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Hourly OHLC bars, one per coin per hour ({@code gold.fact_crypto_hourly}): the 1h candles of
 * {@link Candles} under the hourly table's column names, so the two tables can never disagree and
 * the stream aggregates each batch once for both.
 */
final class HourlyBars {

  /** The candle's field for each hourly column named otherwise. */
  static final Map<String, String> CANDLE_FIELDS =
      Map.of("hour_start", "bucket_start", "hour_end", "bucket_end");

  private HourlyBars() {}

  /** The bars of these observations. */
  static Dataset<Row> barsOf(Dataset<Row> silver) {
    return fromCandles(Candles.of(silver, Candles.Interval.H1));
  }

  /** The hourly table's rows among {@code candles} (every interval may be there). */
  static Dataset<Row> fromCandles(Dataset<Row> candles) {
    // The candle's columns in the same order, less the interval: the hourly table's layout.
    return candles
        .filter(col("bucket_interval").equalTo(Candles.Interval.H1.label))
        .drop("bucket_interval")
        .withColumnsRenamed(
            Map.of(
                CANDLE_FIELDS.get("hour_start"), "hour_start",
                CANDLE_FIELDS.get("hour_end"), "hour_end"));
  }
}
