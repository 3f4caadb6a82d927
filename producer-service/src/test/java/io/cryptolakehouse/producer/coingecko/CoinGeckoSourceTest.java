package io.cryptolakehouse.producer.coingecko;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.producer.source.ApiRequest;
import io.cryptolakehouse.producer.source.ApiRequest.Endpoint;
import io.cryptolakehouse.producer.source.FetchOutcome;
import io.cryptolakehouse.producer.source.FetchOutcome.Failure;
import io.cryptolakehouse.producer.source.FetchOutcome.FailureReason;
import io.cryptolakehouse.producer.source.FetchOutcome.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

class CoinGeckoSourceTest {

  private final MockWebServer api = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    api.start();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private CoinGeckoSource source(ApiPlan plan, String key, Duration timeout) {
    String base = api.url("/api/v3").toString();
    WebClient client = CoinGeckoSource.buildClient(WebClient.builder(), base, plan, key, 1 << 24);
    return new CoinGeckoSource(client, timeout, Clock.systemUTC());
  }

  @Test
  void asksSimplePriceForEveryIncludeFieldWithoutAKeyOnThePublicPlan() throws Exception {
    api.enqueue(new MockResponse.Builder().body("{}").build());

    source(ApiPlan.PUBLIC, "", Duration.ofSeconds(5))
        .fetch(new ApiRequest(Endpoint.SIMPLE_PRICE, List.of("bitcoin", "avalanche-2")));

    RecordedRequest request = api.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v3/simple/price");
    assertThat(request.getUrl().queryParameter("ids")).isEqualTo("bitcoin,avalanche-2");
    assertThat(request.getUrl().queryParameter("vs_currencies")).isEqualTo("usd");
    for (String flag :
        List.of(
            "include_market_cap",
            "include_24hr_vol",
            "include_24hr_change",
            "include_last_updated_at")) {
      assertThat(request.getUrl().queryParameter(flag)).as(flag).isEqualTo("true");
    }
    assertThat(request.getHeaders().get("x-cg-demo-api-key")).isNull();
    assertThat(request.getHeaders().get("x-cg-pro-api-key")).isNull();
  }

  @Test
  void asksTheRangeOfOneCoinsHistoryInEpochSecondsAtFullPrecision() throws Exception {
    String body = "{\"prices\":[[1711843200000,69702.3087473573]]}";
    api.enqueue(new MockResponse.Builder().body(body).build());

    FetchOutcome outcome =
        source(ApiPlan.DEMO, "demo-key", Duration.ofSeconds(5))
            .fetch(
                ApiRequest.history(
                    "avalanche-2",
                    java.time.Instant.parse("2024-03-31T00:00:00Z"),
                    java.time.Instant.parse("2024-04-02T00:00:00Z")));

    RecordedRequest request = api.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath())
        .isEqualTo("/api/v3/coins/avalanche-2/market_chart/range");
    assertThat(request.getUrl().queryParameter("vs_currency")).isEqualTo("usd");
    assertThat(request.getUrl().queryParameter("from")).isEqualTo("1711843200");
    assertThat(request.getUrl().queryParameter("to")).isEqualTo("1712016000");
    assertThat(request.getUrl().queryParameter("precision")).isEqualTo("full");
    assertThat(request.getHeaders().get("x-cg-demo-api-key")).isEqualTo("demo-key");
    assertThat(((Response) outcome).body()).isEqualTo(body);
  }

  @Test
  void acceptsABaseUrlWithATrailingSlash() throws Exception {
    api.enqueue(new MockResponse.Builder().body("{}").build());
    String base = api.url("/api/v3/").toString();
    CoinGeckoSource source =
        new CoinGeckoSource(
            CoinGeckoSource.buildClient(WebClient.builder(), base, ApiPlan.PUBLIC, "", 1 << 20),
            Duration.ofSeconds(5),
            Clock.systemUTC());

    source.fetch(new ApiRequest(Endpoint.SIMPLE_PRICE, List.of("bitcoin")));

    assertThat(api.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath())
        .isEqualTo("/api/v3/simple/price");
  }

  @Test
  void sendsTheKeyInThePlansHeader() throws Exception {
    api.enqueue(new MockResponse.Builder().body("{}").build());
    api.enqueue(new MockResponse.Builder().body("[]").build());

    source(ApiPlan.DEMO, "demo-key", Duration.ofSeconds(5))
        .fetch(new ApiRequest(Endpoint.SIMPLE_PRICE, List.of("bitcoin")));
    source(ApiPlan.PRO, "pro-key", Duration.ofSeconds(5))
        .fetch(new ApiRequest(Endpoint.COINS_MARKETS, List.of("bitcoin")));

    assertThat(api.takeRequest().getHeaders().get("x-cg-demo-api-key")).isEqualTo("demo-key");
    RecordedRequest markets = api.takeRequest();
    assertThat(markets.getHeaders().get("x-cg-pro-api-key")).isEqualTo("pro-key");
    assertThat(markets.getUrl().encodedPath()).isEqualTo("/api/v3/coins/markets");
    assertThat(markets.getUrl().queryParameter("vs_currency")).isEqualTo("usd");
    assertThat(markets.getUrl().queryParameter("ids")).isEqualTo("bitcoin");
  }

  @Test
  void returnsLargeAndOddBodiesByteForByte() {
    String large = "{\"pad\":\"" + "é".repeat(600_000) + "\"}";
    api.enqueue(new MockResponse.Builder().body(large).build());
    api.enqueue(new MockResponse.Builder().body("").build());

    CoinGeckoSource source = source(ApiPlan.PUBLIC, "", Duration.ofSeconds(5));
    ApiRequest request = new ApiRequest(Endpoint.SIMPLE_PRICE, List.of("bitcoin"));

    assertThat(((Response) source.fetch(request)).body()).isEqualTo(large);
    assertThat(((Response) source.fetch(request)).body()).isEmpty();
  }

  @Test
  void reportsRateLimitWithRetryAfterAndNeverAsAResponse() {
    api.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("Retry-After", "43")
            .body(
                "{\"status\":{\"error_code\":429,\"error_message\":\"You've exceeded the Rate Limit.\"}}")
            .build());

    FetchOutcome outcome =
        source(ApiPlan.PUBLIC, "", Duration.ofSeconds(5))
            .fetch(new ApiRequest(Endpoint.SIMPLE_PRICE, List.of("bitcoin")));

    assertThat(outcome).isInstanceOf(Failure.class);
    Failure failure = (Failure) outcome;
    assertThat(failure.reason()).isEqualTo(FailureReason.RATE_LIMITED);
    assertThat(failure.retryAfter()).contains(Duration.ofSeconds(43));
    assertThat(failure.detail()).contains("exceeded the Rate Limit");
  }

  @Test
  void reportsASlowServerAsATimeout() {
    api.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body("{}").build());

    FetchOutcome outcome =
        source(ApiPlan.PUBLIC, "", Duration.ofMillis(300))
            .fetch(new ApiRequest(Endpoint.SIMPLE_PRICE, List.of("bitcoin")));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Failure.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.TIMEOUT));
  }

  @Test
  void reportsAnUnreachableServerAsAnIoError() {
    String base = api.url("/api/v3").toString();
    api.close();
    CoinGeckoSource source =
        new CoinGeckoSource(
            CoinGeckoSource.buildClient(WebClient.builder(), base, ApiPlan.PUBLIC, "", 1 << 20),
            Duration.ofSeconds(5),
            Clock.systemUTC());

    FetchOutcome outcome = source.fetch(new ApiRequest(Endpoint.SIMPLE_PRICE, List.of("bitcoin")));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Failure.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.IO_ERROR));
  }
}
