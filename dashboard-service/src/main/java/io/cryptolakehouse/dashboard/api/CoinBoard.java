package io.cryptolakehouse.dashboard.api;

import io.cryptolakehouse.dashboard.lakehouse.Lakehouse;
import io.cryptolakehouse.model.Tables;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.springframework.stereotype.Component;

/** Every coin with a bar in the last day of Gold, its latest price and its 1 h and 24 h change. */
@Component
class CoinBoard {

  private static final Duration DAY = Duration.ofHours(24);

  private final Lakehouse lakehouse;
  private final HourlyCandles candles;

  CoinBoard(Lakehouse lakehouse, HourlyCandles candles) {
    this.lakehouse = lakehouse;
    this.candles = candles;
  }

  List<CoinQuote> quotes() {
    Optional<Instant> newest = candles.newestHour();
    if (newest.isEmpty()) {
      return List.of();
    }
    Instant to = newest.get().plus(Duration.ofHours(1));
    Map<String, List<Candle>> byCoin =
        candles.between(null, to.minus(DAY).minus(Duration.ofHours(1)), to).stream()
            .collect(Collectors.groupingBy(Candle::coinId));
    Map<String, Record> names = currentNames();
    return byCoin.entrySet().stream()
        .map(e -> quote(e.getKey(), e.getValue(), names.get(e.getKey())))
        .sorted(Comparator.comparing(CoinQuote::coinId))
        .toList();
  }

  private static CoinQuote quote(String coinId, List<Candle> bars, Record name) {
    Candle latest = bars.get(bars.size() - 1);
    return new CoinQuote(
        coinId,
        name == null ? null : (String) name.getField("symbol"),
        name == null ? null : (String) name.getField("name"),
        latest.close(),
        latest.hourStart(),
        changeSince(bars, latest, Duration.ofHours(1)),
        changeSince(bars, latest, DAY),
        latest.simulated());
  }

  private static java.math.BigDecimal changeSince(List<Candle> bars, Candle latest, Duration ago) {
    Instant then = latest.hourStart().minus(ago);
    return bars.stream()
        .filter(b -> b.hourStart().equals(then))
        .findFirst()
        .map(b -> Cells.percentChange(b.closePrice(), latest.closePrice()))
        .orElse(null);
  }

  private Map<String, Record> currentNames() {
    return lakehouse.cached(
        "names",
        () -> {
          Map<String, Record> names = new HashMap<>();
          lakehouse
              .rows(Tables.GOLD_DIM_CRYPTO, Expressions.equal("is_current", true))
              .forEach(r -> names.put((String) r.getField("coin_id"), r));
          return names;
        });
  }
}
