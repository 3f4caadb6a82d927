package io.cryptolakehouse.silver;

import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.USD;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.USD_24H_CHANGE;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.USD_24H_VOL;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.USD_MARKET_CAP;
import static io.cryptolakehouse.silver.MessageRules.MAX_CLOCK_SKEW;
import static io.cryptolakehouse.silver.MessageRules.MAX_CLOCK_SKEW_MICROS;
import static io.cryptolakehouse.silver.MessageRules.QUOTE_CHARS;
import static io.cryptolakehouse.silver.Verdict.quoted;

import io.cryptolakehouse.model.envelope.SourceKind;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;

/**
 * The rules that reject one observation of a readable message, in the order they are checked; the
 * first violated one names the rejection. Every field is judged from its parsed value first; its
 * text is looked at only to explain a value that did not parse.
 */
final class ObservationRules {

  /** Epoch seconds accepted as a timestamp (up to year 3000); beyond, the value is garbage. */
  static final long MAX_EPOCH_SECONDS = 32_503_680_000L;

  /** The quote's numeric fields, in {@link Quote#numericFields()}'s order. */
  static final List<NumericField> NUMERIC_FIELDS =
      List.of(
          new NumericField(USD, "price_usd", 38, 18),
          new NumericField(USD_24H_VOL, "volume_24h", 38, 8),
          new NumericField(USD_MARKET_CAP, "market_cap_usd", 38, 8),
          new NumericField(USD_24H_CHANGE, "percent_change_24h", 38, 18));

  private ObservationRules() {}

  /**
   * The first rule the quote violates, or null. {@code values} are its numeric fields as decimals
   * (null where absent or unreadable), {@code apiMicros} its timestamp (null when unreadable).
   */
  static Verdict judge(
      Quote quote,
      BigDecimal[] values,
      Long apiMicros,
      BronzeMessage m,
      long maxAgeSeconds,
      ZoneId zone) {
    if (!quote.isObject()) {
      return new Verdict(
          "coin_not_object",
          "the coin's value is not a JSON object: " + quoted(quote.record(), QUOTE_CHARS));
    }
    if (JsonValue.isMissing(quote.usd())) {
      return new Verdict("missing_price", "usd is missing or null");
    }
    JsonValue[] fields = quote.numericFields();
    for (int i = 0; i < fields.length; i++) {
      String text = JsonValue.textOf(fields[i]);
      if (values[i] == null && text != null && !PrintedNumbers.readsAsDouble(text)) {
        return new Verdict(
            "non_numeric",
            NUMERIC_FIELDS.get(i).jsonField()
                + " '"
                + quoted(text, QUOTE_CHARS)
                + "' is not a number");
      }
    }
    for (int i = 0; i < fields.length; i++) {
      String text = JsonValue.textOf(fields[i]);
      if (values[i] == null && text != null) {
        NumericField f = NUMERIC_FIELDS.get(i);
        return new Verdict(
            "out_of_range",
            f.jsonField() + " " + quoted(text, QUOTE_CHARS) + " does not fit " + f.sqlType());
      }
    }
    if (values[0].signum() <= 0) {
      return new Verdict(
          "non_positive_price",
          "usd " + quote.usd().asText() + " is not > 0 (at 18 decimal places)");
    }
    if (apiMicros == null) {
      return new Verdict(
          "missing_api_timestamp",
          "last_updated_at '"
              + quoted(quote.lastUpdatedText(), QUOTE_CHARS)
              + "' is not epoch seconds");
    }
    if (m.ingestedMicros != null && apiMicros > m.ingestedMicros + MAX_CLOCK_SKEW_MICROS) {
      return new Verdict(
          "future_observation",
          "last_updated_at %s is later than its arrival %s plus %d s"
              .formatted(
                  Verdict.timestampText(apiMicros, zone),
                  Verdict.timestampText(m.ingestedMicros, zone),
                  MAX_CLOCK_SKEW.toSeconds()));
    }
    Long fetchedMicros = m.fetchedMicros(zone);
    if (fetchedMicros == null || !isLive(m.source())) {
      return null;
    }
    long skew = Math.floorDiv(apiMicros, 1_000_000L) - Math.floorDiv(fetchedMicros, 1_000_000L);
    if (Math.abs(skew) > maxAgeSeconds) {
      return new Verdict(
          "stale_observation",
          "last_updated_at is %d s from the fetch (limit ±%d s)".formatted(skew, maxAgeSeconds));
    }
    return null;
  }

  /** The quote's timestamp in microseconds; null unless it is epoch seconds up to year 3000. */
  static Long apiMicrosOf(Quote quote) {
    BigDecimal seconds = quote.epochSeconds();
    if (seconds == null
        || seconds.signum() < 0
        || seconds.compareTo(BigDecimal.valueOf(MAX_EPOCH_SECONDS)) > 0) {
      return null;
    }
    return seconds.movePointRight(6).longValueExact();
  }

  /** Replayed and backfilled data is historical by nature: never stale. */
  private static boolean isLive(String source) {
    return SourceKind.COINGECKO.wireName().equals(source)
        || SourceKind.SIMULATED.wireName().equals(source);
  }

  /** A numeric quote field: its JSON name, Silver column and decimal type. */
  record NumericField(String jsonField, String column, int precision, int scale) {
    String sqlType() {
      return "DECIMAL(" + precision + "," + scale + ")";
    }
  }
}
