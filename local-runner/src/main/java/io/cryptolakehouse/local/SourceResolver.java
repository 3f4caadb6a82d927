package io.cryptolakehouse.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the producer's source. Live CoinGecko is the default; if it cannot be reached at start
 * the run says so and continues with the simulated source (whose records are tagged {@code
 * simulated}, so tables never mix the two silently).
 */
final class SourceResolver {

  private static final Logger log = LoggerFactory.getLogger(SourceResolver.class);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  private SourceResolver() {}

  /** The base URL the producer will call: the option, else the producer's env var, else public. */
  static String apiUrl(String coingeckoUrl, Map<String, String> env) {
    if (coingeckoUrl != null) {
      return coingeckoUrl;
    }
    String fromEnv = env.getOrDefault("COINGECKO_API_URL", "");
    if (!fromEnv.isBlank()) {
      return fromEnv.replaceAll("/+$", "");
    }
    return "pro".equalsIgnoreCase(env.getOrDefault("COINGECKO_API_PLAN", ""))
        ? "https://pro-api.coingecko.com/api/v3"
        : "https://api.coingecko.com/api/v3";
  }

  static SourceSpec resolve(SourceSpec requested, String apiUrl, Terminal terminal) {
    if (requested.kind() != SourceSpec.Kind.COINGECKO) {
      return requested;
    }
    String problem = probe(apiUrl);
    if (problem == null) {
      return requested;
    }
    terminal.note(
        "CoinGecko at "
            + apiUrl
            + " cannot be reached ("
            + problem
            + "); continuing with --source simulated (rows are tagged simulated).");
    return SourceSpec.SIMULATED;
  }

  private static String describe(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.UnknownHostException
          || t instanceof java.nio.channels.UnresolvedAddressException) {
        return "unknown host: no DNS or no internet?";
      }
    }
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "no answer within " + PROBE_TIMEOUT.toSeconds() + " s";
    }
    if (e instanceof java.net.ConnectException) {
      return "connection refused";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Null when the API answers at all (even 429: the producer's budget and backoff handle it). */
  static String probe(String apiUrl) {
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(apiUrl + "/ping")).timeout(PROBE_TIMEOUT).GET().build();
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      log.info("CoinGecko probe {}/ping answered {}", apiUrl, status);
      return null;
    } catch (IOException | IllegalArgumentException e) {
      log.info("CoinGecko probe {}/ping failed: {}", apiUrl, e.toString());
      return describe(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
