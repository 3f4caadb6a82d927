package io.cryptolakehouse.producer.source;

import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.MARKET_CAPS;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.PRICES;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.TOTAL_VOLUMES;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generated {@code /coins/{id}/market_chart/range} bodies for offline backfills: one point per hour
 * (as CoinGecko answers ranges of 2–90 days), a few seconds past the hour like the real series.
 * Each point is a pure function of coin and hour, so a repeated or overlapping range answers the
 * same points, just as the real API does for settled history.
 */
final class SimulatedHistory {

  private static final MathContext DIGITS = new MathContext(12);

  private SimulatedHistory() {}

  static Map<String, Object> chart(
      String coin, double startPrice, double supply, ApiRequest.Range range) {
    List<List<Object>> prices = new ArrayList<>();
    List<List<Object>> caps = new ArrayList<>();
    List<List<Object>> volumes = new ArrayList<>();
    Instant hour = range.from().truncatedTo(ChronoUnit.HOURS);
    for (; !hour.isAfter(range.to()); hour = hour.plus(Duration.ofHours(1))) {
      Instant at = hour.plusMillis(Math.floorMod(coin.hashCode(), 40_000) + 1_000);
      if (at.isBefore(range.from()) || at.isAfter(range.to())) {
        continue;
      }
      double price = priceAt(coin, startPrice, hour.getEpochSecond() / 3600);
      prices.add(List.of(at.toEpochMilli(), decimal(price)));
      caps.add(List.of(at.toEpochMilli(), decimal(price * supply)));
      volumes.add(List.of(at.toEpochMilli(), decimal(price * supply * 0.03)));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(PRICES, prices);
    body.put(MARKET_CAPS, caps);
    body.put(TOTAL_VOLUMES, volumes);
    return body;
  }

  /** A slow daily and weekly swing around the start price, plus hourly noise (about 0.3 %). */
  private static double priceAt(String coin, double startPrice, long hour) {
    double phase = Math.floorMod(coin.hashCode(), 360) * Math.PI / 180;
    double swing =
        0.03 * Math.sin(2 * Math.PI * hour / 24 + phase)
            + 0.06 * Math.sin(2 * Math.PI * hour / 168 + phase);
    double noise = new SplittableRandom(coin.hashCode() * 31L + hour).nextGaussian() * 0.003;
    return startPrice * Math.exp(swing + noise);
  }

  private static BigDecimal decimal(double value) {
    return new BigDecimal(value, DIGITS).stripTrailingZeros();
  }
}
