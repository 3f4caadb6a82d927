package io.cryptolakehouse.producer.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cryptolakehouse.producer.LocalHttp;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The producer on a Pro key whose {@code /key} reports its usage (a scripted API), polling every
 * second: it reads the usage before its first poll, widens its polls to make the month's remaining
 * credits last, and once they are gone polls nothing, healthy, saying why.
 */
class QuotaIT {

  static final String[] PROPERTIES = {
    "crypto.coingecko.api-plan=pro",
    "crypto.coingecko.api-key=test-key-not-a-secret",
    "crypto.coingecko.ids=bitcoin,ethereum",
    "crypto.poll.interval-seconds=1",
    "crypto.poll.markets-interval-seconds=2",
    "crypto.poll.calls-per-minute=10000",
  };

  static String health(int port) throws Exception {
    return LocalHttp.get(port, "/actuator/health").body();
  }

  static String metrics(int port) throws Exception {
    return LocalHttp.get(port, "/actuator/prometheus").body();
  }

  /** A few hundred credits left for the rest of the month: polls far apart, not every second. */
  @Nested
  @SpringBootTest(
      webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
      properties = {})
  @EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
  class Paced {
    static final ScriptedUsageApi api = start(100_000, 300);

    @LocalServerPort int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
      register(registry, api);
    }

    @Test
    void pollsAreWidenedToLastTheMonth() throws Exception {
      await().atMost(Duration.ofSeconds(20)).until(() -> api.calls("/simple/price") >= 1);
      // Every second as configured would be about ten more in the next ten seconds.
      await()
          .during(Duration.ofSeconds(10))
          .atMost(Duration.ofSeconds(12))
          .until(() -> api.calls("/simple/price") == 1);
      assertThat(api.paths.get(0)).isEqualTo("/api/v3/key");
      String health = health(port);
      assertThat(health).contains("\"creditsCountedBy\":\"api\"").doesNotContain("waiting");
      assertThat(metrics(port)).containsPattern("(?m)^producer_poll_pace [0-9]{3,}");
    }
  }

  /** One credit left: one price call, then nothing until the month renews; still healthy. */
  @Nested
  @SpringBootTest(
      webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
      properties = {})
  @EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
  class UsedUp {
    static final ScriptedUsageApi api = start(100_000, 1);

    @LocalServerPort int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
      register(registry, api);
    }

    @Test
    void pollsNothingAndSaysWhy() throws Exception {
      await().atMost(Duration.ofSeconds(20)).until(() -> api.calls("/simple/price") >= 1);
      await()
          .during(Duration.ofSeconds(5))
          .atMost(Duration.ofSeconds(7))
          .until(() -> api.paths.size() == 2);
      assertThat(api.calls("/coins/markets")).isZero();
      String health = health(port);
      assertThat(health)
          .endsWith("\"status\":\"UP\"}")
          .contains("\"creditsRemaining\":0")
          .contains("the month's API credits are used up; polling resumes");
      assertThat(metrics(port)).containsPattern("(?m)^producer_poll_waiting_for_credits 1");
    }
  }

  static ScriptedUsageApi start(long allowance, long remaining) {
    try {
      return new ScriptedUsageApi(allowance, remaining);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void register(DynamicPropertyRegistry registry, ScriptedUsageApi api) {
    registry.add("crypto.coingecko.api-url", api::baseUrl);
    for (String p : PROPERTIES) {
      String[] kv = p.split("=", 2);
      registry.add(kv[0], () -> kv[1]);
    }
  }

  @AfterAll
  static void stopServers() {
    Paced.api.server.close();
    UsedUp.api.server.close();
  }
}
