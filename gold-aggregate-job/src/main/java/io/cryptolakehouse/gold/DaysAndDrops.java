package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.col;

import io.cryptolakehouse.gold.Candles.Interval;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One ordered pass per coin over the Silver rows around a batch, for both of the batch's day-wide
 * questions: the daily candles with their volatility ({@link CandleFold}) and the price-drop
 * episodes ({@link DropEpisodes}). Both read every row of a coin in time order; one pass is one
 * shuffle and one sort of the rows instead of two, and no copy of the rows held in between. A
 * coin's rows are one group (the drop rule looks back across midnight), so a catch-up of a single
 * coin runs on one core, as the drop rule did on its own.
 *
 * <p>Output rows are {@link #OUTPUT}: a daily candle's ({@link CandleFold#WITH_VOLATILITY}) with
 * the {@code drop_*} columns null, or an episode's, with {@code coin_id}, {@code is_simulated} and
 * the {@code drop_*} columns set ({@link #candles}, {@link #episodes}).
 */
final class DaysAndDrops implements MapPartitionsFunction<Row, Row> {

  static final StructType OUTPUT =
      CandleFold.WITH_VOLATILITY
          .add("drop_start_us", DataTypes.LongType)
          .add("drop_end_us", DataTypes.LongType)
          .add("drop_from_price", DataTypes.createDecimalType(38, 18))
          .add("drop_to_price", DataTypes.createDecimalType(38, 18))
          .add("drop_pct_change", DataTypes.DoubleType);

  private static final int CANDLE_FIELDS = CandleFold.WITH_VOLATILITY.size();
  private static final int COIN = CandleFold.WITH_VOLATILITY.fieldIndex("coin_id");
  private static final int SIMULATED = CandleFold.WITH_VOLATILITY.fieldIndex("is_simulated");

  private final double thresholdPct;
  private final long windowSeconds;
  private final long trustedFromMicros;
  private final long dropUntilMicros;

  /**
   * @param trustedFromMicros see {@link DropEpisodes#of(Iterator, double, long, long)}
   * @param dropUntilMicros the drop rule reads no row after this time (the candles read them all)
   */
  DaysAndDrops(
      double thresholdPct, long windowSeconds, long trustedFromMicros, long dropUntilMicros) {
    this.thresholdPct = thresholdPct;
    this.windowSeconds = windowSeconds;
    this.trustedFromMicros = trustedFromMicros;
    this.dropUntilMicros = dropUntilMicros;
  }

  /** The pass over {@code silver}, every row of a coin and flag in one partition, in time order. */
  Dataset<Row> over(Dataset<Row> silver) {
    return OrderedPass.apply(
        silver,
        Candles.utcDayOf(col("api_timestamp")),
        this,
        OUTPUT,
        false,
        "price_usd",
        "volume_24h");
  }

  /** The daily candles of the pass, as {@link Candles#dailyWithVolatility} gives them. */
  static Dataset<Row> candles(Dataset<Row> passed) {
    return Candles.dailyColumns(passed.filter(col("drop_end_us").isNull()));
  }

  /** The episodes of the pass, as {@link PriceDropAlerts} finds them before they become alerts. */
  static Dataset<Row> episodes(Dataset<Row> passed) {
    return passed
        .filter(col("drop_end_us").isNotNull())
        .select(
            col("coin_id").alias("crypto_symbol"),
            col("is_simulated"),
            col("drop_start_us").alias("start_us"),
            col("drop_end_us").alias("end_us"),
            col("drop_from_price").alias("from_price"),
            col("drop_to_price").alias("to_price"),
            col("drop_pct_change").alias("pct_change"));
  }

  @Override
  public Iterator<Row> call(Iterator<Row> sorted) throws Exception {
    ArrayDeque<Row> episodes = new ArrayDeque<>();
    Iterator<Row> candles =
        new CandleFold(new Interval[] {Interval.D1}, true).call(new Tee(sorted, episodes));
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        // The candles first: reading them feeds the rule, which queues a coin's episodes.
        return candles.hasNext() || !episodes.isEmpty();
      }

      @Override
      public Row next() {
        if (candles.hasNext()) {
          Object[] values = Arrays.copyOf(rowValues(candles.next()), OUTPUT.size());
          return RowFactory.create(values);
        }
        if (episodes.isEmpty()) {
          throw new NoSuchElementException();
        }
        return episodes.poll();
      }
    };
  }

  private static Object[] rowValues(Row row) {
    Object[] values = new Object[row.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.get(i);
    }
    return values;
  }

  /**
   * The sorted rows as the candles read them, each also fed to the current coin's drop rule; a
   * coin's episodes are queued when its last row has been read.
   */
  private final class Tee implements Iterator<Row> {
    private final Iterator<Row> sorted;
    private final ArrayDeque<Row> episodes;
    private DropEpisodes rule;
    private String coin;
    private boolean simulated;

    Tee(Iterator<Row> sorted, ArrayDeque<Row> episodes) {
      this.sorted = sorted;
      this.episodes = episodes;
    }

    @Override
    public boolean hasNext() {
      if (sorted.hasNext()) {
        return true;
      }
      finishCoin();
      return false;
    }

    @Override
    public Row next() {
      Row row = sorted.next();
      String rowCoin = row.getString(0);
      boolean rowSimulated = row.getBoolean(1);
      if (rule == null || rowSimulated != simulated || !rowCoin.equals(coin)) {
        finishCoin();
        rule = DropEpisodes.forTicks(thresholdPct, windowSeconds, trustedFromMicros);
        coin = rowCoin;
        simulated = rowSimulated;
      }
      long at = row.getLong(3);
      if (at <= dropUntilMicros) {
        rule.add(new DropEpisodes.Tick(at, row.isNullAt(4) ? null : row.getDecimal(4)));
      }
      return row;
    }

    private void finishCoin() {
      if (rule == null) {
        return;
      }
      for (DropEpisodes.Episode e : rule.finish()) {
        Object[] values = new Object[OUTPUT.size()];
        values[COIN] = coin;
        values[SIMULATED] = simulated;
        values[CANDLE_FIELDS] = e.windowStartMicros();
        values[CANDLE_FIELDS + 1] = e.windowEndMicros();
        values[CANDLE_FIELDS + 2] = e.fromPrice();
        values[CANDLE_FIELDS + 3] = e.toPrice();
        values[CANDLE_FIELDS + 4] = e.pctChange();
        episodes.add(RowFactory.create(values));
      }
      rule = null;
    }
  }
}
