package io.cryptolakehouse.producer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET requests to the producer under test, as a scraper or a health probe makes them: HTTP/1.1 on a
 * new connection each, with a deadline. An exchange past its deadline is tried once more on a new
 * connection, after every thread's whole stack is logged: on a loaded 2-core machine an exchange
 * stalled twice in CI (once with Reactor's client, once with the JDK's) and in none of five runs
 * here, so a stall shows in the log with what the server was doing, and fails the test only if it
 * happens again.
 */
public final class LocalHttp {

  private static final Logger LOG = LoggerFactory.getLogger(LocalHttp.class);
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private LocalHttp() {}

  public static HttpResponse<String> get(int port, String path) throws Exception {
    URI uri = URI.create("http://localhost:" + port + path);
    try {
      return send(uri);
    } catch (HttpTimeoutException first) {
      LOG.warn("GET {} got no answer in {}; threads:\n{}", uri, DEADLINE, threadDump());
      return send(uri);
    }
  }

  private static HttpResponse<String> send(URI uri) throws Exception {
    // A client per request: no pooled connection outlives an exchange, so a retry is a new one.
    // (Java 17's client has no close(); an unreachable one stops its own selector thread.)
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    return client.send(
        HttpRequest.newBuilder(uri).timeout(DEADLINE).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Whole stacks: {@code ThreadInfo}'s text stops at eight frames, above what a stall waits on. */
  private static String threadDump() {
    return Thread.getAllStackTraces().entrySet().stream()
        .map(LocalHttp::describe)
        .collect(Collectors.joining("\n"));
  }

  private static String describe(Map.Entry<Thread, StackTraceElement[]> thread) {
    return "\"%s\" %s%n%s"
        .formatted(
            thread.getKey().getName(),
            thread.getKey().getState(),
            Arrays.stream(thread.getValue())
                .map(frame -> "    at " + frame)
                .collect(Collectors.joining("\n")));
  }
}
