package io.cryptolakehouse.silver;

import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.MARKET_CAPS;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.PRICES;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.TOTAL_VOLUMES;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads {@code /coins/{id}/market_chart/range} bodies (backfill) as observations of the same shape
 * as a {@code /simple/price} quote, so both go through the same rules and columns.
 *
 * <p>A chart body is {@code {"prices": [[ms, v], ...], "market_caps": [...], "total_volumes":
 * [...]}} for the one coin the envelope's {@code requested_ids} names. Each price point becomes a
 * quote {@code {usd, usd_market_cap, usd_24h_vol, last_updated_at}}: the market cap and volume are
 * those with the same timestamp (CoinGecko aligns the three series; a misaligned one is searched),
 * the timestamp goes from milliseconds to the quote's epoch seconds, keeping the milliseconds.
 */
final class MarketChart {

  private MarketChart() {}

  /**
   * The body's price points; empty when it has none or {@code prices} is not an array of points
   * (each an array, or null), which the rules reject as {@code no_points}.
   */
  static List<JsonValue> pricePoints(JsonValue body) {
    return series(body, PRICES);
  }

  /** One quote per price point, for the coin the envelope names. */
  static List<Quote> quotes(String coin, JsonValue body) {
    List<JsonValue> prices = pricePoints(body);
    List<JsonValue> caps = series(body, MARKET_CAPS);
    List<JsonValue> volumes = series(body, TOTAL_VOLUMES);
    List<Quote> quotes = new ArrayList<>(prices.size());
    for (int i = 0; i < prices.size(); i++) {
      JsonValue point = prices.get(i);
      JsonValue millis = item(point, 0);
      BigDecimal seconds = epochSecondsOf(millis);
      quotes.add(
          new Quote(
              coin,
              point.raw(),
              true,
              item(point, 1),
              valueAt(volumes, millis, i),
              valueAt(caps, millis, i),
              null,
              seconds == null ? null : PrintedNumbers.fitted(seconds, 20, 6),
              seconds == null ? JsonValue.textOf(millis) : seconds.toPlainString()));
    }
    return quotes;
  }

  private static List<JsonValue> series(JsonValue body, String name) {
    JsonValue series = body.field(name);
    if (series == null || !series.is(JsonValue.Kind.ARRAY)) {
      return List.of();
    }
    for (JsonValue point : series.items()) {
      if (!point.is(JsonValue.Kind.ARRAY) && !point.is(JsonValue.Kind.NULL)) {
        return List.of();
      }
    }
    return series.items();
  }

  /** Milliseconds, rounded to whole ones, as seconds with three decimals; null if not a number. */
  private static BigDecimal epochSecondsOf(JsonValue millis) {
    BigDecimal number = PrintedNumbers.valueOf(millis, 20, 0);
    return number == null ? null : number.movePointLeft(3);
  }

  /** The value of {@code series} at the point's timestamp: same index if aligned, else searched. */
  private static JsonValue valueAt(List<JsonValue> series, JsonValue millis, int index) {
    String timestamp = JsonValue.textOf(millis);
    if (timestamp == null) {
      return null;
    }
    if (index < series.size() && timestamp.equals(JsonValue.textOf(item(series.get(index), 0)))) {
      return item(series.get(index), 1);
    }
    for (JsonValue point : series) {
      if (Objects.equals(timestamp, JsonValue.textOf(item(point, 0)))) {
        return item(point, 1);
      }
    }
    return null;
  }

  /** The point's {@code index}th element, or null. */
  private static JsonValue item(JsonValue point, int index) {
    return point.is(JsonValue.Kind.ARRAY) && index < point.items().size()
        ? point.items().get(index)
        : null;
  }
}
