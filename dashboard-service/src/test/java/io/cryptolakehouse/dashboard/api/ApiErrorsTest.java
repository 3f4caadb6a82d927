package io.cryptolakehouse.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.cryptolakehouse.dashboard.DashboardApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * The service's error answers with nothing behind it (no metastore, no S3, no broker: the ports are
 * closed): clear JSON with the right status, never a stack trace, and a dead metastore is a 503
 * within seconds rather than a hanging request.
 */
@SpringBootTest(
    classes = DashboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "crypto.lakehouse.metastore-uri=thrift://127.0.0.1:1",
      "crypto.lakehouse.s3-endpoint=http://127.0.0.1:1",
      "crypto.lakehouse.s3-access-key=test",
      "crypto.lakehouse.s3-secret-key=test",
      "crypto.topics.bootstrap-servers=127.0.0.1:1"
    })
class ApiErrorsTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int ROUNDS = 2_000;

  @Autowired private Environment environment;

  @Test
  void badParametersAre400sNamingTheParameter() throws Exception {
    HttpResponse<String> response = get("/api/coins/bitcoin/candles?from=2026-13-01");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("from must be an ISO-8601 instant");
  }

  @Test
  void unknownPathsAndMethodsKeepTheirStatus() throws Exception {
    assertThat(get("/api/nothing-here").statusCode()).isEqualTo(404);
    assertThat(get("/actuator/env").statusCode()).as("actuator limited").isEqualTo(404);
    HttpResponse<String> post =
        HTTP.send(
            HttpRequest.newBuilder(url("/api/coins"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  @Test
  void anUnreachableMetastoreIsA503ThatSaysSo() throws Exception {
    HttpResponse<String> response = get("/api/coins");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body())
        .contains("the lakehouse could not be read")
        .doesNotContain("\tat ")
        .doesNotContain("test"); // no credentials either
  }

  /**
   * Reactor Netty 1.3.6 could stop reading a keep-alive connection when the next request arrived
   * before the previous one's operations had ended; that request then hung (reactor-netty#4347).
   * Answers written on the event loop (a bad parameter) and on a worker (a bad range, checked off
   * the loop) alternate on one connection, as a browser's requests do; every one must come back.
   */
  @Test
  void oneKeepAliveConnectionAnswersEveryRequest() throws Exception {
    HttpClient oneConnection = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<String> paths =
        List.of(
            "/api/alerts?limit=abc",
            "/api/coins/bitcoin/candles?from=2026-12-03T00:00:00Z&to=2026-12-02T00:00:00Z",
            "/actuator/health/liveness");
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (int round = 0; round < ROUNDS; round++) {
      for (String path : paths) {
        HttpResponse<String> response =
            oneConnection.send(
                HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        statuses.merge(response.statusCode(), 1, Integer::sum);
      }
    }

    assertThat(statuses).containsExactly(entry(200, ROUNDS), entry(400, 2 * ROUNDS));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI url(String path) {
    return URI.create("http://localhost:" + environment.getProperty("local.server.port") + path);
  }
}
