package io.cryptolakehouse.dashboard.live;

import io.cryptolakehouse.dashboard.lakehouse.Alert;
import io.cryptolakehouse.model.coingecko.CoinGeckoFields;
import io.cryptolakehouse.model.envelope.ApiEnvelope;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kafka values to live events: the Gold job's alert JSON (the alert table's columns) and the
 * producer's envelopes of {@code /simple/price}. A value that does not parse is rejected with the
 * reason; the feed logs it and goes on (the tables stay the record of truth).
 */
final class LiveMessages {

  private static final long MAX_EPOCH_SECONDS = 32_503_680_000L;

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private LiveMessages() {}

  static Alert alert(String value) {
    JsonNode node = tree(value);
    return new Alert(
        text(node, "alert_id", true),
        text(node, "coin_id", true),
        instant(node, "window_start"),
        instant(node, "window_end"),
        decimal(node, "from_price"),
        decimal(node, "to_price"),
        node.path("pct_change").isNumber() ? node.get("pct_change").doubleValue() : null,
        instant(node, "detected_at"),
        node.path("is_simulated").asBoolean(false));
  }

  /** The prices of a {@code /simple/price} envelope; none for other endpoints. */
  static List<PriceTick> prices(String value) {
    ApiEnvelope envelope;
    try {
      envelope = JSON.readValue(value, ApiEnvelope.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not an envelope: " + e.getOriginalMessage());
    }
    if (!CoinGeckoFields.SIMPLE_PRICE_PATH.equals(envelope.endpoint())) {
      return List.of();
    }
    List<PriceTick> ticks = new ArrayList<>();
    for (Map.Entry<String, JsonNode> coin : tree(envelope.body()).properties()) {
      JsonNode usd = coin.getValue().path(CoinGeckoFields.USD);
      JsonNode updated = coin.getValue().path(CoinGeckoFields.LAST_UPDATED_AT);
      // Only plausible prices; Silver's rules decide what reaches the tables.
      if (usd.isNumber() && usd.decimalValue().signum() > 0) {
        ticks.add(
            new PriceTick(
                coin.getKey(),
                usd.decimalValue().stripTrailingZeros().toPlainString(),
                updated.canConvertToLong() && plausible(updated.longValue())
                    ? Instant.ofEpochSecond(updated.longValue())
                    : fetchedAt(envelope),
                envelope.simulated()));
      }
    }
    return ticks;
  }

  /**
   * Epoch seconds {@link Instant} can hold and Silver would accept (up to the year 3000): one
   * absurd value must not end the feed for every browser.
   */
  private static boolean plausible(long epochSeconds) {
    return epochSeconds >= 0 && epochSeconds <= MAX_EPOCH_SECONDS;
  }

  /** When the body has no {@code last_updated_at}: when the producer received it. */
  private static Instant fetchedAt(ApiEnvelope envelope) {
    try {
      return envelope.fetchedAt() == null ? null : Instant.parse(envelope.fetchedAt());
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static JsonNode tree(String value) {
    try {
      JsonNode node = JSON.readTree(value == null ? "" : value);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return node;
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
  }

  private static String text(JsonNode node, String field, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || value.asString().isBlank()) {
      if (required) {
        throw new IllegalArgumentException(field + " is missing");
      }
      return null;
    }
    return value.asString();
  }

  private static Instant instant(JsonNode node, String field) {
    String text = text(node, field, false);
    try {
      return text == null ? null : OffsetDateTime.parse(text).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(field + " is not a timestamp: " + text);
    }
  }

  private static String decimal(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw new IllegalArgumentException(field + " is not a number");
    }
    BigDecimal d = value.decimalValue();
    return d.stripTrailingZeros().toPlainString();
  }
}
