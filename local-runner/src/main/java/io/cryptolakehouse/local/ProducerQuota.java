package io.cryptolakehouse.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * What the producer says of the API plan's monthly credits (its poll health): credits left, how far
 * its polls are widened to make them last, or that it waits for them to renew. Empty when the plan
 * has no monthly allowance or the producer does not answer within a second.
 */
final class ProducerQuota {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final URI health;

  ProducerQuota(int producerPort) {
    this.health = URI.create("http://127.0.0.1:" + producerPort + "/actuator/health/poll");
  }

  /**
   * {@code ""}, or a clause to append to the producer's state, such as ", 812 API credits left".
   */
  String describe() {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(health).timeout(TIMEOUT).build(),
              HttpResponse.BodyHandlers.ofString());
      return describe(JSON.readTree(response.body()).path("details"));
    } catch (java.io.IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  static String describe(JsonNode details) {
    if (details.hasNonNull("waiting")) {
      return ", " + details.get("waiting").asText();
    }
    if (!details.hasNonNull("creditsRemaining")) {
      return "";
    }
    String left = ", " + details.get("creditsRemaining").asLong() + " API credits left this month";
    double pace = details.path("pace").asDouble(1);
    return pace > 1
        ? left + String.format(Locale.ROOT, ", polls %.1fx apart to last it", pace)
        : left;
  }
}
