package io.cryptolakehouse.gold;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One ordered pass over a partition's observations that emits each coin-day's volatility row (see
 * {@link DailyVolatility}): each price is read once and converted to a double once. A Spark window
 * ({@code lag}) and aggregation did it with a sort, two conversions per row (a {@code
 * DECIMAL(38,18)}'s conversion formats and parses the number) and decimal aggregation buffers.
 *
 * <p>Input rows come from {@link OrderedPass} with the price.
 */
final class VolatilityFold implements MapPartitionsFunction<Row, Row> {

  static final StructType OUTPUT =
      new StructType()
          .add("coin_id", DataTypes.StringType)
          .add("day_number", DataTypes.IntegerType)
          .add("volatility", DataTypes.DoubleType)
          .add("observations", DataTypes.LongType)
          .add("min_price", DataTypes.createDecimalType(38, 18))
          .add("max_price", DataTypes.createDecimalType(38, 18))
          .add("is_simulated", DataTypes.BooleanType);

  @Override
  public Iterator<Row> call(Iterator<Row> sorted) {
    return new Iterator<>() {
      private Day day;
      private Row done;

      @Override
      public boolean hasNext() {
        while (done == null && sorted.hasNext()) {
          Row row = sorted.next();
          if (day == null || !day.holds(row)) {
            done = day == null ? null : day.toRow();
            day = new Day(row);
          }
          day.add(row);
        }
        if (done == null && day != null) {
          done = day.toRow();
          day = null;
        }
        return done != null;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row row = done;
        done = null;
        return row;
      }
    };
  }

  /**
   * One coin-day: the sample standard deviation of its log returns by Welford's update (as Spark's
   * {@code stddev_samp}: null with fewer than two returns), its count, low and high.
   */
  private static final class Day {
    private final String coin;
    private final boolean simulated;
    private final int dayNumber;
    private long observations;
    private BigDecimal low;
    private BigDecimal high;
    private boolean hasPrevious;
    private double previous = Double.NaN;
    private double returns;
    private double mean;
    private double m2;

    Day(Row first) {
      coin = first.getString(0);
      simulated = first.getBoolean(1);
      dayNumber = first.getInt(2);
    }

    boolean holds(Row row) {
      return dayNumber == row.getInt(2)
          && simulated == row.getBoolean(1)
          && coin.equals(row.getString(0));
    }

    void add(Row row) {
      observations++;
      BigDecimal price = row.isNullAt(4) ? null : row.getDecimal(4);
      double approx = price == null ? Double.NaN : price.doubleValue();
      if (price != null) {
        low = low == null || price.compareTo(low) < 0 ? price : low;
        high = high == null || price.compareTo(high) > 0 ? price : high;
      }
      // As ln(p / lag(p)) in SQL: no return where either price is missing or the ratio is not
      // positive (the logarithm is null there).
      if (hasPrevious && price != null && !Double.isNaN(previous) && previous != 0) {
        double ratio = approx / previous;
        if (ratio > 0) {
          addReturn(StrictMath.log(ratio));
        }
      }
      hasPrevious = true;
      previous = approx;
    }

    private void addReturn(double value) {
      returns++;
      double delta = value - mean;
      double deltaN = delta / returns;
      mean += deltaN;
      m2 += delta * (delta - deltaN);
    }

    Row toRow() {
      Double volatility = returns < 2 ? null : Math.sqrt(m2 / (returns - 1));
      return RowFactory.create(coin, dayNumber, volatility, observations, low, high, simulated);
    }
  }
}
