package io.cryptolakehouse.gold;

import java.time.Duration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Gold's aggregates computed in one batch over the whole of Silver. The streaming job updates them
 * incrementally, batch by batch, through kills and replays; the fault-injection suite checks that
 * what it wrote equals this.
 */
public final class GoldRecompute {

  private GoldRecompute() {}

  public static Dataset<Row> hourlyBars(Dataset<Row> silver) {
    return HourlyBars.barsOf(silver);
  }

  /** Candles at every interval (1m, 5m, 15m, 1h, 1d). */
  public static Dataset<Row> candles(Dataset<Row> silver) {
    return Candles.of(silver);
  }

  public static Dataset<Row> dailyVolatility(Dataset<Row> silver) {
    return DailyVolatility.volatilityOf(silver);
  }

  /** The ids of the price-drop episodes in Silver (default threshold and window of the job). */
  public static Dataset<Row> alertIds(Dataset<Row> silver, double thresholdPct, Duration window) {
    return PriceDropAlerts.episodesOf(silver, thresholdPct, window).select("alert_id");
  }
}
