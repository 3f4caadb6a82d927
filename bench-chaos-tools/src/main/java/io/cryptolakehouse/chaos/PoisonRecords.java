package io.cryptolakehouse.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptolakehouse.model.coingecko.CoinGeckoFields;
import io.cryptolakehouse.model.envelope.ApiEnvelope;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every class of malformed input the pipeline must survive, as Kafka record values on the prices
 * topic: bodies CoinGecko (or a proxy in front of it) could answer with, and records that are not
 * envelopes at all. Each names its own coin id, so where it ended up can be found.
 */
final class PoisonRecords {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One malformed record. {@code cleanPrice} is the price Silver must keep for {@code coin} (a
   * valid observation in an unusual spelling); null when the record must be quarantined and nothing
   * of it may reach Silver.
   */
  record Poison(String label, String coin, String key, String value, BigDecimal cleanPrice) {}

  private PoisonRecords() {}

  static List<Poison> round(int round, Instant now) {
    long t = now.getEpochSecond() - 1;
    List<Poison> all = new ArrayList<>();
    all.add(body(round, "non_json", c -> "price: 42", null, now));
    all.add(
        body(
            round,
            "html",
            c -> "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>",
            null,
            now));
    all.add(body(round, "empty_body", c -> "", null, now));
    all.add(
        body(
            round,
            "one_mb_truncated",
            c ->
                "{\""
                    + c
                    + "\":{\"usd\":1,\"last_updated_at\":"
                    + t
                    + ",\"x\":\""
                    + "a".repeat(1 << 20),
            null,
            now));
    all.add(body(round, "json_null", c -> "null", null, now));
    all.add(body(round, "null_coin", c -> "{\"" + c + "\":null}", null, now));
    all.add(body(round, "null_price", c -> quote(c, "null", t), null, now));
    all.add(body(round, "string_price", c -> quote(c, "\"forty-two\"", t), null, now));
    all.add(body(round, "negative_price", c -> quote(c, "-42.5", t), null, now));
    all.add(body(round, "zero_price", c -> quote(c, "0", t), null, now));
    all.add(
        body(
            round,
            "scientific_notation",
            c -> quote(c, "2.02027e-10", t),
            new BigDecimal("0.000000000202027"),
            now));
    all.add(
        body(
            round,
            "api_error_body",
            c ->
                "{\"status\":{\"error_code\":429,\"error_message\":\"You've exceeded the Rate"
                    + " Limit. Please visit https://www.coingecko.com/en/api/pricing\"}}",
            null,
            now));
    all.add(body(round, "error_key", c -> "{\"error\":\"coin not found\"}", null, now));
    all.add(omittedId(round, t, now));
    String coin = coin(round, "not_an_envelope");
    all.add(new Poison("not_an_envelope", coin, coin, "{{{ not an envelope", null));
    coin = coin(round, "null_record_value");
    all.add(new Poison("null_record_value", coin, coin, null, null));
    return all;
  }

  private static String coin(int round, String label) {
    return "chaos-" + round + "-" + label.replace('_', '-');
  }

  private static String quote(String coin, String usd, long t) {
    return "{\"%s\":{\"usd\":%s,\"usd_24h_vol\":1000,\"last_updated_at\":%d}}"
        .formatted(coin, usd, t);
  }

  private static Poison body(
      int round,
      String label,
      java.util.function.UnaryOperator<String> body,
      BigDecimal cleanPrice,
      Instant now) {
    String coin = coin(round, label);
    return new Poison(
        label, coin, coin, envelope(List.of(coin), body.apply(coin), now), cleanPrice);
  }

  /** Two ids asked for, one answered: the answered one is clean, the other simply absent. */
  private static Poison omittedId(int round, long t, Instant now) {
    String coin = coin(round, "omitted_id");
    List<String> asked = List.of(coin, coin + "-never-answered");
    return new Poison(
        "omitted_id",
        coin,
        String.join(",", asked),
        envelope(asked, quote(coin, "1.25", t), now),
        new BigDecimal("1.25"));
  }

  private static String envelope(List<String> ids, String body, Instant now) {
    try {
      return JSON.writeValueAsString(
          ApiEnvelope.simulated(CoinGeckoFields.SIMPLE_PRICE_PATH, ids, now, body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
