package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.unix_micros;

import java.time.Duration;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Price-drop alerts: a coin is "dropping" at an observation when its price is more than {@code
 * thresholdPct} below the highest price of the preceding {@code window}. One alert per episode —
 * the first observation of a run of dropping observations — identified by coin and that
 * observation's time, so recomputing the same data yields the same alerts. The rule itself runs per
 * coin in one pass ({@link DropEpisodes}).
 */
final class PriceDropAlerts {

  private PriceDropAlerts() {}

  /** The episodes of the whole history in {@code silver}. */
  static Dataset<Row> episodesOf(Dataset<Row> silver, double thresholdPct, Duration window) {
    return episodesOf(silver, thresholdPct, window, Long.MIN_VALUE);
  }

  /**
   * The episodes of a slice of Silver read from one window before {@code trustedFromMicros}: only
   * those the slice can judge whole (see {@link DropEpisodes#of(Iterator, double, long, long)}).
   */
  static Dataset<Row> episodesOf(
      Dataset<Row> silver, double thresholdPct, Duration window, long trustedFromMicros) {
    DataType price = silver.schema().apply("price_usd").dataType();
    StructType episode =
        new StructType()
            .add("crypto_symbol", DataTypes.StringType)
            .add("is_simulated", DataTypes.BooleanType)
            .add("start_us", DataTypes.LongType)
            .add("end_us", DataTypes.LongType)
            .add("from_price", price)
            .add("to_price", price)
            .add("pct_change", DataTypes.DoubleType);
    long windowSeconds = window.toSeconds();
    Dataset<Row> found =
        silver
            .select(
                col("crypto_symbol"),
                col("is_simulated"),
                unix_micros(col("api_timestamp")).alias("at_us"),
                col("price_usd"))
            .groupByKey(
                (MapFunction<Row, Tuple2<String, Boolean>>)
                    r -> new Tuple2<>(r.getString(0), (Boolean) r.get(1)),
                Encoders.tuple(Encoders.STRING(), Encoders.BOOLEAN()))
            .flatMapSortedGroups(
                new Column[] {col("at_us")},
                episodesFunction(thresholdPct, windowSeconds, trustedFromMicros),
                Encoders.row(episode));
    return found.select(
        concat_ws("@", col("crypto_symbol"), timestamp_micros(col("end_us")).cast("string"))
            .alias("alert_id"),
        col("crypto_symbol").alias("coin_id"),
        timestamp_micros(col("start_us")).alias("window_start"),
        timestamp_micros(col("end_us")).alias("window_end"),
        col("from_price"),
        col("to_price"),
        col("pct_change"),
        current_timestamp().alias("detected_at"),
        col("is_simulated"));
  }

  private static FlatMapGroupsFunction<Tuple2<String, Boolean>, Row, Row> episodesFunction(
      double thresholdPct, long windowSeconds, long trustedFromMicros) {
    return (coin, rows) -> {
      Iterator<DropEpisodes.Tick> ticks =
          new Iterator<>() {
            @Override
            public boolean hasNext() {
              return rows.hasNext();
            }

            @Override
            public DropEpisodes.Tick next() {
              Row row = rows.next();
              return new DropEpisodes.Tick(row.getLong(2), row.getDecimal(3));
            }
          };
      return DropEpisodes.of(ticks, thresholdPct, windowSeconds, trustedFromMicros).stream()
          .map(
              e ->
                  RowFactory.create(
                      coin._1(),
                      coin._2(),
                      e.windowStartMicros(),
                      e.windowEndMicros(),
                      e.fromPrice(),
                      e.toPrice(),
                      e.pctChange()))
          .iterator();
    };
  }
}
