package io.cryptolakehouse.dashboard.api;

import io.cryptolakehouse.dashboard.lakehouse.Lakehouse;
import io.cryptolakehouse.dashboard.lakehouse.Micros;
import io.cryptolakehouse.model.Tables;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.springframework.stereotype.Component;

/**
 * Hourly bars from Gold, the coin and time range pushed into the scan (the table is partitioned by
 * day and its files sorted by coin). Real and simulated data never share a bar; when a coin has
 * both for one hour the real bar is shown.
 */
@Component
class HourlyCandles {

  private final Lakehouse lakehouse;

  private final Clock clock = Clock.systemUTC();

  HourlyCandles(Lakehouse lakehouse) {
    this.lakehouse = lakehouse;
  }

  /** Start of the newest hour Gold has a bar for. */
  /**
   * The newest hour with a bar, but never later than the current hour: Silver rejects timestamps
   * from the future, yet a table written before that rule (or by another writer) may hold one, and
   * a board anchored there would be empty.
   */
  Optional<Instant> newestHour() {
    Instant currentHour = clock.instant().truncatedTo(ChronoUnit.HOURS);
    return lakehouse
        .cached("newest-hour", () -> lakehouse.newest(Tables.GOLD_FACT_HOURLY, "hour_start"))
        .map(newest -> newest.isAfter(currentHour) ? currentHour : newest);
  }

  /** The bars of {@code coinId} (every coin when null) with from ≤ hour_start < to, by time. */
  List<Candle> between(String coinId, Instant from, Instant to) {
    return lakehouse.cached(
        "candles|" + coinId + "|" + from + "|" + to, () -> read(coinId, from, to));
  }

  private List<Candle> read(String coinId, Instant from, Instant to) {
    Expression range =
        Expressions.and(
            Expressions.greaterThanOrEqual("hour_start", Micros.of(from)),
            Expressions.lessThan("hour_start", Micros.of(to)));
    Expression filter =
        coinId == null ? range : Expressions.and(Expressions.equal("coin_id", coinId), range);
    Map<String, Candle> byCoinHour = new LinkedHashMap<>();
    lakehouse.rows(Tables.GOLD_FACT_HOURLY, filter).stream()
        .map(Candle::of)
        .forEach(c -> byCoinHour.merge(c.coinId() + "|" + c.hourStart(), c, HourlyCandles::real));
    return byCoinHour.values().stream()
        .sorted(Comparator.comparing(Candle::coinId).thenComparing(Candle::hourStart))
        .toList();
  }

  private static Candle real(Candle a, Candle b) {
    return a.simulated() ? b : a;
  }
}
