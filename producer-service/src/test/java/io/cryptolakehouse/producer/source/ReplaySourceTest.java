package io.cryptolakehouse.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.model.envelope.ApiEnvelope;
import io.cryptolakehouse.producer.source.ApiRequest.Endpoint;
import io.cryptolakehouse.producer.source.FetchOutcome.Exhausted;
import io.cryptolakehouse.producer.source.FetchOutcome.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class ReplaySourceTest {

  private final JsonMapper json = JsonMapper.builder().build();
  private final ApiRequest prices = new ApiRequest(Endpoint.SIMPLE_PRICE, List.of("bitcoin"));
  private final ApiRequest markets = new ApiRequest(Endpoint.COINS_MARKETS, List.of("bitcoin"));

  @TempDir Path dir;

  @Test
  void replaysBareBodiesAndEnvelopesPerEndpointInFileOrderThenStops() throws Exception {
    String marketsEnvelope =
        json.writeValueAsString(
            new ApiEnvelope(
                1,
                "coingecko",
                "coingecko_v3",
                "/coins/markets",
                List.of("bitcoin"),
                200,
                "2026-01-01T00:00:00Z",
                false,
                "[{\"id\":\"bitcoin\"}]"));
    Path file = dir.resolve("recorded.jsonl");
    Files.writeString(
        file, "{\"bitcoin\":{\"usd\":1}}\n\n" + marketsEnvelope + "\n{\"bitcoin\":{\"usd\":2}}\n");
    ReplaySource source = new ReplaySource(file, false, Clock.systemUTC(), json);

    assertThat(bodyOf(source.fetch(prices))).isEqualTo("{\"bitcoin\":{\"usd\":1}}");
    assertThat(bodyOf(source.fetch(markets))).isEqualTo("[{\"id\":\"bitcoin\"}]");
    assertThat(bodyOf(source.fetch(prices))).isEqualTo("{\"bitcoin\":{\"usd\":2}}");
    assertThat(source.fetch(prices)).isInstanceOf(Exhausted.class);
    assertThat(source.fetch(markets)).isInstanceOf(Exhausted.class);
  }

  @Test
  void loopsWhenAsked() throws Exception {
    Path file = dir.resolve("one.jsonl");
    Files.writeString(file, "{\"a\":1}\n");
    ReplaySource source = new ReplaySource(file, true, Clock.systemUTC(), json);

    assertThat(bodyOf(source.fetch(prices))).isEqualTo("{\"a\":1}");
    assertThat(bodyOf(source.fetch(prices))).isEqualTo("{\"a\":1}");
    assertThat(source.fetch(markets)).isInstanceOf(Exhausted.class);
  }

  private static String bodyOf(FetchOutcome outcome) {
    return ((Response) outcome).body();
  }
}
