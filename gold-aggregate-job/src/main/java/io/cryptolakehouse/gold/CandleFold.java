package io.cryptolakehouse.gold;

import io.cryptolakehouse.gold.Candles.Interval;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One ordered pass over a partition's observations that emits their candles at every interval at
 * once: each price is read once, as a {@code BigDecimal}, and compared as one. Spark's hash
 * aggregation did the same work with one buffer per interval and aggregate, each update a {@code
 * DECIMAL(38,18)} written back to the row as bytes: with its input, nearly half of Gold's time in a
 * catch-up (docs/benchmarks.md).
 *
 * <p>Input rows come from {@link OrderedPass} with the price and the volume, by UTC day (every
 * interval nests in a day); output rows are {@link #OUTPUT}, bucket bounds in epoch microseconds.
 */
final class CandleFold implements MapPartitionsFunction<Row, Row> {

  static final StructType OUTPUT =
      new StructType()
          .add("coin_id", DataTypes.StringType)
          .add("bucket_interval", DataTypes.StringType)
          .add("start_micros", DataTypes.LongType)
          .add("end_micros", DataTypes.LongType)
          .add("open_price", DataTypes.createDecimalType(38, 18))
          .add("high_price", DataTypes.createDecimalType(38, 18))
          .add("low_price", DataTypes.createDecimalType(38, 18))
          .add("close_price", DataTypes.createDecimalType(38, 18))
          .add("avg_price", DataTypes.createDecimalType(38, 18))
          .add("last_volume_24h", DataTypes.createDecimalType(38, 8))
          .add("tick_count", DataTypes.LongType)
          .add("is_simulated", DataTypes.BooleanType);

  /** {@link #OUTPUT} and each candle's volatility ({@link LogReturns}). */
  static final StructType WITH_VOLATILITY = OUTPUT.add("volatility", DataTypes.DoubleType);

  private static final long MICROS_PER_SECOND = 1_000_000L;

  private final Interval[] intervals;
  private final boolean withVolatility;

  CandleFold(Interval[] intervals) {
    this(intervals, false);
  }

  /**
   * With {@code withVolatility}, rows are {@link #WITH_VOLATILITY}: the daily volatility comes from
   * the same rows in the same order as the daily candle, so one pass (one shuffle and sort of a
   * catch-up's days) serves both tables.
   */
  CandleFold(Interval[] intervals, boolean withVolatility) {
    this.intervals = intervals.clone();
    this.withVolatility = withVolatility;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> sorted) {
    return new Iterator<>() {
      private final Candle[] open = new Candle[intervals.length];
      private final ArrayDeque<Row> done = new ArrayDeque<>();

      @Override
      public boolean hasNext() {
        while (done.isEmpty() && sorted.hasNext()) {
          add(sorted.next());
        }
        if (done.isEmpty()) {
          closeAll();
        }
        return !done.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return done.poll();
      }

      private void add(Row row) {
        String coin = row.getString(0);
        boolean simulated = row.getBoolean(1);
        long second = Math.floorDiv(row.getLong(3), MICROS_PER_SECOND);
        for (int i = 0; i < intervals.length; i++) {
          long start = Math.floorDiv(second, intervals[i].seconds) * intervals[i].seconds;
          Candle candle = open[i];
          if (candle == null || !candle.holds(coin, simulated, start)) {
            if (candle != null) {
              done.add(candle.toRow());
            }
            open[i] =
                new Candle(
                    coin, simulated, intervals[i], start, withVolatility ? new LogReturns() : null);
          }
          open[i].add(row);
        }
      }

      private void closeAll() {
        for (int i = 0; i < open.length; i++) {
          if (open[i] != null) {
            done.add(open[i].toRow());
            open[i] = null;
          }
        }
      }
    };
  }

  /**
   * One bucket's running candle, with the aggregates' rules: open and close are the prices of the
   * earliest and latest observation (nulls included, as {@code min_by}/{@code max_by}); high, low
   * and the average skip null prices.
   */
  private static final class Candle {
    private final String coin;
    private final boolean simulated;
    private final Interval interval;
    private final long startSecond;
    private BigDecimal open;
    private BigDecimal close;
    private BigDecimal high;
    private BigDecimal low;
    private BigDecimal sum;
    private long priced;
    private BigDecimal lastVolume;
    private long ticks;
    private final LogReturns returns;

    Candle(
        String coin, boolean simulated, Interval interval, long startSecond, LogReturns returns) {
      this.coin = coin;
      this.simulated = simulated;
      this.interval = interval;
      this.startSecond = startSecond;
      this.returns = returns;
    }

    boolean holds(String otherCoin, boolean otherSimulated, long otherStart) {
      return startSecond == otherStart && simulated == otherSimulated && coin.equals(otherCoin);
    }

    void add(Row row) {
      BigDecimal price = row.isNullAt(4) ? null : row.getDecimal(4);
      if (ticks == 0) {
        open = price;
      }
      close = price;
      lastVolume = row.isNullAt(5) ? null : row.getDecimal(5);
      ticks++;
      if (price != null) {
        high = high == null || price.compareTo(high) > 0 ? price : high;
        low = low == null || price.compareTo(low) < 0 ? price : low;
        sum = sum == null ? price : sum.add(price);
        priced++;
      }
      if (returns != null) {
        returns.add(price);
      }
    }

    Row toRow() {
      BigDecimal average =
          priced == 0 ? null : sum.divide(BigDecimal.valueOf(priced), 18, RoundingMode.HALF_UP);
      Object[] values = {
        coin,
        interval.label,
        startSecond * MICROS_PER_SECOND,
        (startSecond + interval.seconds) * MICROS_PER_SECOND,
        open,
        high,
        low,
        close,
        average,
        lastVolume,
        ticks,
        simulated
      };
      if (returns == null) {
        return RowFactory.create(values);
      }
      Object[] withVolatility = Arrays.copyOf(values, values.length + 1);
      withVolatility[values.length] = returns.sampleStdDev();
      return RowFactory.create(withVolatility);
    }
  }
}
