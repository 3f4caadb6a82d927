package io.cryptolakehouse.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.dashboard.DashboardApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI url(String path) {
    return URI.create("http://localhost:" + environment.getProperty("local.server.port") + path);
  }
}
