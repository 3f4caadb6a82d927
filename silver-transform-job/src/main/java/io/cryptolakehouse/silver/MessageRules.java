package io.cryptolakehouse.silver;

import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.ERROR_CODE;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.ERROR_MESSAGE;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.MARKET_CHART_RANGE_PATH;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.SIMPLE_PRICE_PATH;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.STATUS;
import static io.cryptolakehouse.silver.Verdict.quoted;

import io.cryptolakehouse.model.envelope.ApiEnvelope;
import io.cryptolakehouse.model.envelope.ApiEnvelope.Fields;
import io.cryptolakehouse.model.envelope.SourceKind;
import io.cryptolakehouse.spark.EnvelopeRules;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rules that reject a whole Bronze record, in the order they are checked; the first violated
 * one names the rejection. The envelope rules are those every reader of Bronze applies ({@link
 * EnvelopeRules}, the same names and details); the rest are about price bodies.
 */
final class MessageRules {

  /** Whole-message rejects quote at most this much of the payload or body in their detail. */
  static final int QUOTE_CHARS = EnvelopeRules.QUOTE_CHARS;

  /**
   * How far past its arrival in Bronze a timestamp may lie: clocks of the producer's machine and
   * CoinGecko's servers drift a little. Beyond this the value is from the future — a wrong clock, a
   * crafted message — and would become an hourly bar that later data can never replace.
   */
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(2);

  static final long MAX_CLOCK_SKEW_MICROS = MAX_CLOCK_SKEW.toSeconds() * 1_000_000L;

  private static final List<String> KNOWN_SOURCES =
      Arrays.stream(SourceKind.values()).map(SourceKind::wireName).toList();
  private static final Set<String> ENDPOINTS = Set.of(SIMPLE_PRICE_PATH, MARKET_CHART_RANGE_PATH);

  private MessageRules() {}

  /** The first rule the record violates, or null when its body's observations can be read. */
  static Verdict judge(BronzeMessage m, ZoneId zone) {
    if (m.payload == null || m.payload.isBlank()) {
      return new Verdict("empty_message", "the Kafka record value is empty");
    }
    Integer version = m.integer(Fields.ENVELOPE_VERSION);
    if (m.envelope == null || (version == null && m.text(Fields.BODY) == null)) {
      return new Verdict(
          "envelope_not_json", "not a JSON envelope: " + quoted(m.payload, QUOTE_CHARS));
    }
    if (version == null || version != ApiEnvelope.CURRENT_VERSION) {
      return new Verdict(
          "unsupported_envelope_version",
          "envelope_version " + version + " is not " + ApiEnvelope.CURRENT_VERSION);
    }
    if (!KNOWN_SOURCES.contains(m.source())) {
      return new Verdict(
          "unknown_source", "source '" + m.source() + "' is not one of " + KNOWN_SOURCES);
    }
    if (!ENDPOINTS.contains(m.endpoint())) {
      return new Verdict(
          "unexpected_endpoint",
          "endpoint '%s' is neither %s nor %s"
              .formatted(m.endpoint(), SIMPLE_PRICE_PATH, MARKET_CHART_RANGE_PATH));
    }
    Long fetched = m.fetchedMicros(zone);
    if (fetched != null
        && m.ingestedMicros != null
        && fetched > m.ingestedMicros + MAX_CLOCK_SKEW_MICROS) {
      return new Verdict(
          "future_fetched_at",
          "fetched_at %s is later than its arrival %s plus %d s"
              .formatted(
                  m.text(Fields.FETCHED_AT),
                  Verdict.timestampText(m.ingestedMicros, zone),
                  MAX_CLOCK_SKEW.toSeconds()));
    }
    if (m.isChart() && !namesOneCoin(m.requestedIds())) {
      return new Verdict(
          "chart_without_coin",
          "a "
              + MARKET_CHART_RANGE_PATH
              + " response must name exactly one requested id, not null or blank");
    }
    Integer status = m.integer(Fields.HTTP_STATUS);
    if (status == null || status < 200 || status > 299) {
      return new Verdict("non_success_status", "HTTP status " + status);
    }
    return judgeBody(m);
  }

  private static Verdict judgeBody(BronzeMessage m) {
    JsonValue body = m.body();
    if (body == null || !body.is(JsonValue.Kind.OBJECT)) {
      return new Verdict(
          "body_not_json",
          "body is not a JSON object: " + quoted(m.text(Fields.BODY), QUOTE_CHARS));
    }
    String error = apiError(body);
    if (error != null) {
      return new Verdict(
          "api_error_body", "the API answered with an error: " + quoted(error, QUOTE_CHARS));
    }
    if (m.isChart() && MarketChart.pricePoints(body).isEmpty()) {
      return new Verdict(
          "no_points",
          "the range has no price points: " + quoted(m.text(Fields.BODY), QUOTE_CHARS));
    }
    if (body.fields().isEmpty()) {
      return new Verdict("no_coins", "the body lists no coin");
    }
    return null;
  }

  /**
   * The API's error message ("" when it gives none) when the body is an error: {@code
   * {"status":{"error_code":…}}} or a top-level {@code error_code} or {@code error}; else null.
   */
  private static String apiError(JsonValue body) {
    JsonValue status = body.field(STATUS);
    boolean statusError =
        status != null
            && status.is(JsonValue.Kind.OBJECT)
            && JsonValue.textOf(status.field(ERROR_CODE)) != null;
    if (!statusError && body.field(ERROR_CODE) == null && body.field("error") == null) {
      return null;
    }
    String message =
        status != null && status.is(JsonValue.Kind.OBJECT)
            ? JsonValue.textOf(status.field(ERROR_MESSAGE))
            : null;
    return Stream.of(
            message,
            JsonValue.textOf(body.field("error")),
            JsonValue.textOf(body.field(ERROR_CODE)))
        .filter(Objects::nonNull)
        .findFirst()
        .orElse("");
  }

  private static boolean namesOneCoin(List<String> ids) {
    return ids != null && ids.size() == 1 && ids.get(0) != null && !ids.get(0).isBlank();
  }
}
