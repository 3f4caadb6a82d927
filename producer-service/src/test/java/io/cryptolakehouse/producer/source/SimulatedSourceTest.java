package io.cryptolakehouse.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.model.envelope.SourceKind;
import io.cryptolakehouse.producer.source.ApiRequest.Endpoint;
import io.cryptolakehouse.producer.source.FetchOutcome.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SimulatedSourceTest {

  private final JsonMapper json = JsonMapper.builder().build();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  private final ApiRequest prices =
      new ApiRequest(Endpoint.SIMPLE_PRICE, List.of("bitcoin", "ethereum", "my-new-coin"));

  @Test
  void answersInCoinGeckosSimplePriceShapeForEveryRequestedId() {
    JsonNode body = bodyOf(new SimulatedSource(1, clock, json).fetch(prices));

    assertThat(body.propertyNames()).containsExactly("bitcoin", "ethereum", "my-new-coin");
    JsonNode btc = body.get("bitcoin");
    assertThat(btc.propertyNames())
        .containsExactly(
            "usd", "usd_market_cap", "usd_24h_vol", "usd_24h_change", "last_updated_at");
    assertThat(btc.get("usd").asDouble()).isBetween(50_000.0, 150_000.0);
    assertThat(btc.get("last_updated_at").asLong()).isEqualTo(clock.instant().getEpochSecond());
  }

  @Test
  void isReproducibleForASeedAndWalksBetweenCalls() {
    SimulatedSource a = new SimulatedSource(42, clock, json);
    SimulatedSource b = new SimulatedSource(42, clock, json);

    String first = ((Response) a.fetch(prices)).body();
    assertThat(((Response) b.fetch(prices)).body()).isEqualTo(first);
    assertThat(((Response) a.fetch(prices)).body()).isNotEqualTo(first);
    assertThat(a.kind()).isEqualTo(SourceKind.SIMULATED);
    assertThat(a.kind().simulated()).isTrue();
  }

  @Test
  void answersCoinsMarketsWithAttributes() {
    JsonNode body =
        bodyOf(
            new SimulatedSource(1, clock, json)
                .fetch(new ApiRequest(Endpoint.COINS_MARKETS, List.of("bitcoin"))));

    assertThat(body.isArray()).isTrue();
    assertThat(body.get(0).get("id").asString()).isEqualTo("bitcoin");
    assertThat(body.get(0).get("symbol").asString()).isEqualTo("btc");
    assertThat(body.get(0).get("name").asString()).isEqualTo("Bitcoin");
    assertThat(body.get(0).get("market_cap_rank").asInt()).isEqualTo(1);
  }

  private JsonNode bodyOf(FetchOutcome outcome) {
    return json.readTree(((Response) outcome).body());
  }
}
