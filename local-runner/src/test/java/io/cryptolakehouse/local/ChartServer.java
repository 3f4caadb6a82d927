package io.cryptolakehouse.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CoinGecko's {@code /coins/{id}/market_chart/range} as a local HTTP server: one point per hour in
 * the asked range, 7 s past the hour, like the API's hourly series (shape of
 * test-data/coingecko/05_market_chart_range_3points_jkorf.json). It can leave hours out, answer one
 * call with a 429, and hold one call until the test has acted.
 */
final class ChartServer implements AutoCloseable {

  /** A call the server answered: what was asked and the status given. */
  record Call(String coin, long from, long to, int status, Instant at) {}

  private final HttpServer server;
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger chartCalls = new AtomicInteger();
  final Set<String> holes = ConcurrentHashMap.newKeySet(); // "coin@epochHour"
  volatile int rateLimitCall = -1;
  volatile int holdCall = -1;
  final CountDownLatch held = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);

  ChartServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v3/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v3";
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The price of a coin at an hour: a function of both, so every answer is reproducible. */
  static String price(String coin, long epochHour) {
    return String.valueOf(Math.abs(coin.hashCode() % 1000) + 100 + (epochHour % 24) * 0.25);
  }

  private void handle(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    String[] path = uri.getPath().split("/"); // "", api, v3, coins, {id}, market_chart, range
    if (uri.getPath().endsWith("/ping")) {
      respond(exchange, 200, "{\"gecko_says\":\"(V3) To the Moon!\"}", Map.of());
      return;
    }
    if (path.length != 7 || !path[5].equals("market_chart")) {
      respond(exchange, 404, "{\"error\":\"not found\"}", Map.of());
      return;
    }
    Map<String, String> query = query(uri.getRawQuery());
    String coin = path[4];
    long from = Long.parseLong(query.get("from"));
    long to = Long.parseLong(query.get("to"));
    int n = chartCalls.incrementAndGet();
    if (n == rateLimitCall) {
      calls.add(new Call(coin, from, to, 429, Instant.now()));
      respond(
          exchange,
          429,
          "{\"status\":{\"error_code\":429,\"error_message\":\"You've exceeded the Rate Limit.\"}}",
          Map.of("Retry-After", "2"));
      return;
    }
    if (n == holdCall) {
      held.countDown();
      awaitRelease();
    }
    calls.add(new Call(coin, from, to, 200, Instant.now()));
    respond(exchange, 200, body(coin, from, to), Map.of());
  }

  private String body(String coin, long from, long to) {
    StringBuilder prices = new StringBuilder();
    StringBuilder caps = new StringBuilder();
    StringBuilder volumes = new StringBuilder();
    for (long hour = (from + 3599) / 3600; hour * 3600 + 7 <= to; hour++) {
      if (holes.contains(coin + "@" + hour)) {
        continue;
      }
      long ms = (hour * 3600 + 7) * 1000;
      String sep = prices.isEmpty() ? "" : ",";
      prices.append(sep).append("[").append(ms).append(",").append(price(coin, hour)).append("]");
      caps.append(sep).append("[").append(ms).append(",").append(1_000_000_000L + hour).append("]");
      volumes.append(sep).append("[").append(ms).append(",").append(5_000_000L + hour).append("]");
    }
    return "{\"prices\":[%s],\"market_caps\":[%s],\"total_volumes\":[%s]}"
        .formatted(prices, caps, volumes);
  }

  /** The held call completes once the test has stopped the backfill (or after a minute). */
  private void awaitRelease() {
    try {
      release.await(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new HashMap<>();
    for (String pair : raw == null ? new String[0] : raw.split("&")) {
      int eq = pair.indexOf('=');
      params.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return params;
  }

  private static void respond(
      HttpExchange exchange, int status, String body, Map<String, String> headers)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
