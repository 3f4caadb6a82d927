package io.cryptolakehouse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PriceMessagesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void eachMessageIsAProducerEnvelopeOfOneSimplePriceResponseForEveryCoin() throws Exception {
    PriceMessages messages = new PriceMessages(12, START, Duration.ofSeconds(30), 7);
    JsonNode envelope = JSON.readTree(messages.value(3));

    assertThat(envelope.path("envelope_version").asInt()).isEqualTo(1);
    assertThat(envelope.path("endpoint").asText()).isEqualTo("/simple/price");
    assertThat(envelope.path("http_status").asInt()).isEqualTo(200);
    assertThat(envelope.path("requested_ids")).hasSize(12);
    assertThat(messages.key()).isEqualTo(String.join(",", messages.coins()));
    assertThat(messages.coins()).startsWith("bitcoin", "ethereum").contains("coin-011", "coin-012");
    JsonNode body = JSON.readTree(envelope.path("body").asText());
    assertThat(body.size()).isEqualTo(12);
    long observed = START.plusSeconds(90).getEpochSecond();
    for (String coin : messages.coins()) {
      JsonNode quote = body.path(coin);
      assertThat(quote.path("usd").asDouble()).isPositive();
      assertThat(quote.path("usd_market_cap").asDouble()).isPositive();
      assertThat(quote.path("last_updated_at").asLong()).isEqualTo(observed);
    }
    // Fetched two seconds after the observation: never stale, however old the replayed day.
    assertThat(Instant.parse(envelope.path("fetched_at").asText()))
        .isEqualTo(Instant.ofEpochSecond(observed).plusSeconds(2));
  }

  @Test
  void theSameSeedGivesTheSameMessagesAndMessagesAreProducerSized() {
    PriceMessages a = new PriceMessages(10, START, Duration.ofSeconds(30), 1);
    PriceMessages b = new PriceMessages(10, START, Duration.ofSeconds(30), 1);
    for (long i = 0; i < 5; i++) {
      String value = a.value(i);
      assertThat(value).isEqualTo(b.value(i));
      assertThat(value.length()).isBetween(1_000, 3_000);
    }
  }
}
