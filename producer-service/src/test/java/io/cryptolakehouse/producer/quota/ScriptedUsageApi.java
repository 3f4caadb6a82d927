package io.cryptolakehouse.producer.quota;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * CoinGecko's Pro API as far as the quota is concerned: {@code /key} reports a scripted number of
 * remaining credits; prices and markets answer with recorded responses. Every path asked for is
 * kept, in order.
 */
final class ScriptedUsageApi extends Dispatcher {

  private static final Path SAMPLES = Path.of("../test-data/coingecko");

  final MockWebServer server = new MockWebServer();
  final List<String> paths = new CopyOnWriteArrayList<>();
  private final long allowance;
  private final long remaining;

  ScriptedUsageApi(long allowance, long remaining) throws IOException {
    this.allowance = allowance;
    this.remaining = remaining;
    server.setDispatcher(this);
    server.start();
  }

  String baseUrl() {
    return server.url("/api/v3").toString();
  }

  long calls(String path) {
    return paths.stream().filter(p -> p.equals("/api/v3" + path)).count();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    paths.add(path);
    try {
      return switch (path) {
        case "/api/v3/key" ->
            ok(
                """
                {"plan":"Other","rate_limit_request_per_minute":500,\
                "monthly_call_credit":%d,"current_total_monthly_calls":%d,\
                "current_remaining_monthly_calls":%d}"""
                    .formatted(allowance, allowance - remaining, remaining));
        case "/api/v3/simple/price" ->
            ok(
                Files.readString(
                    SAMPLES.resolve("01_simple_price_real_2coins_vol_change_pulse.json")));
        case "/api/v3/coins/markets" ->
            ok(
                Files.readString(
                    SAMPLES.resolve("04_coins_markets_real_100coins_2023-01-08_jkorf.json")));
        default -> new MockResponse.Builder().code(404).body("{\"error\":\"not found\"}").build();
      };
    } catch (IOException e) {
      return new MockResponse.Builder().code(500).body(e.toString()).build();
    }
  }

  private static MockResponse ok(String body) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }
}
