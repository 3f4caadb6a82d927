package io.cryptolakehouse.dashboard.api;

import io.cryptolakehouse.dashboard.lakehouse.Lakehouse;
import io.cryptolakehouse.dashboard.lakehouse.Micros;
import io.cryptolakehouse.model.Tables;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.springframework.stereotype.Component;

/**
 * A coin's candles at one interval from Gold, the coin, interval and range pushed into the scan. A
 * bucket without observations is absent: the page draws a gap. Carrying the last close forward is
 * the caller's explicit choice ({@code fill=previous}), applied to this answer only.
 */
@Component
class IntervalCandles {

  private final Lakehouse lakehouse;
  private final Clock clock = Clock.systemUTC();

  IntervalCandles(Lakehouse lakehouse) {
    this.lakehouse = lakehouse;
  }

  /**
   * The newest candle's start in Gold, but never later than now: a chart is anchored there, so a
   * lakehouse that stopped receiving data still shows its last hours rather than an empty range.
   */
  Optional<Instant> newest() {
    Instant now = clock.instant();
    return lakehouse
        .cached("newest-candle", () -> lakehouse.newest(Tables.GOLD_FACT_CANDLES, "bucket_start"))
        .map(newest -> newest.isAfter(now) ? now : newest);
  }

  /** Candles with from ≤ start < to, by time; the real one where real and simulated overlap. */
  List<IntervalCandle> between(
      String coinId, CandleInterval interval, Instant from, Instant to, boolean carryForward) {
    List<IntervalCandle> stored =
        lakehouse.cached(
            "interval-candles|" + coinId + "|" + interval + "|" + from + "|" + to,
            () -> read(coinId, interval, from, to));
    return carryForward ? carryForward(stored, to) : stored;
  }

  private List<IntervalCandle> read(
      String coinId, CandleInterval interval, Instant from, Instant to) {
    Expression filter =
        Expressions.and(
            Expressions.and(
                Expressions.equal("coin_id", coinId),
                Expressions.equal("bucket_interval", interval.label)),
            Expressions.and(
                Expressions.greaterThanOrEqual("bucket_start", Micros.of(from)),
                Expressions.lessThan("bucket_start", Micros.of(to))));
    Map<Instant, IntervalCandle> byStart = new LinkedHashMap<>();
    lakehouse.rows(Tables.GOLD_FACT_CANDLES, filter).stream()
        .map(IntervalCandle::of)
        .forEach(c -> byStart.merge(c.start(), c, (a, b) -> a.simulated() ? b : a));
    return byStart.values().stream().sorted(Comparator.comparing(IntervalCandle::start)).toList();
  }

  /** Every bucket after the first candle, up to {@code to}, the missing ones at the last close. */
  static List<IntervalCandle> carryForward(List<IntervalCandle> candles, Instant to) {
    List<IntervalCandle> filled = new ArrayList<>();
    for (IntervalCandle candle : candles) {
      while (!filled.isEmpty() && filled.get(filled.size() - 1).end().isBefore(candle.start())) {
        filled.add(IntervalCandle.carriedFrom(filled.get(filled.size() - 1)));
      }
      filled.add(candle);
    }
    while (!filled.isEmpty() && filled.get(filled.size() - 1).end().isBefore(to)) {
      filled.add(IntervalCandle.carriedFrom(filled.get(filled.size() - 1)));
    }
    return filled;
  }
}
