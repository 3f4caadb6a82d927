package io.cryptolakehouse.silver;

import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.LAST_UPDATED_AT;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.USD;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.USD_24H_CHANGE;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.USD_24H_VOL;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.USD_MARKET_CAP;

import java.math.BigDecimal;

/**
 * One observation as a message carries it, before the rules: a {@code /simple/price} coin or a
 * backfill chart's price point ({@link MarketChart}), its fields as parsed JSON values.
 *
 * @param symbol the CoinGecko id
 * @param record the coin's value or the chart point as written, quarantined if it is rejected
 * @param isObject false when a coin's value is not a JSON object (no fields to read)
 * @param epochSeconds {@code last_updated_at} as epoch seconds ({@code DECIMAL(20,6)}), or null
 * @param lastUpdatedText {@code last_updated_at} as text, for a rejection's detail
 */
record Quote(
    String symbol,
    String record,
    boolean isObject,
    JsonValue usd,
    JsonValue volume,
    JsonValue marketCap,
    JsonValue change,
    BigDecimal epochSeconds,
    String lastUpdatedText) {

  /** A {@code /simple/price} body's entry: the coin id and its value. */
  static Quote ofCoin(String symbol, JsonValue value) {
    if (!value.is(JsonValue.Kind.OBJECT)) {
      return new Quote(symbol, value.raw(), false, null, null, null, null, null, null);
    }
    JsonValue updatedAt = value.field(LAST_UPDATED_AT);
    return new Quote(
        symbol,
        value.raw(),
        true,
        value.field(USD),
        value.field(USD_24H_VOL),
        value.field(USD_MARKET_CAP),
        value.field(USD_24H_CHANGE),
        PrintedNumbers.valueOf(updatedAt, 20, 6),
        JsonValue.textOf(updatedAt));
  }

  /** The numeric fields in the order the rules check them. */
  JsonValue[] numericFields() {
    return new JsonValue[] {usd, volume, marketCap, change};
  }
}
