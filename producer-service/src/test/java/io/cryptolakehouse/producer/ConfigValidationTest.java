package io.cryptolakehouse.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Bad configuration stops the application at startup with a message naming the key. */
class ConfigValidationTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "API_INTERVAL_SECONDS=0                      | crypto.poll.interval-seconds (API_INTERVAL_SECONDS)",
        "API_INTERVAL_SECONDS=abc                    | crypto.poll.interval-seconds",
        "CRYPTO_IDS= , ,                             | crypto.coingecko.ids (CRYPTO_IDS)",
        "COINGECKO_API_PLAN=enterprise               | crypto.coingecko.api-plan (COINGECKO_API_PLAN)",
        "COINGECKO_API_PLAN=demo                     | crypto.coingecko.api-key (COINGECKO_API_KEY)",
        "COINGECKO_API_KEY=abc                       | crypto.coingecko.api-plan (COINGECKO_API_PLAN)",
        "PRODUCER_SOURCE=kraken                      | crypto.source.type (PRODUCER_SOURCE)",
        "PRODUCER_SOURCE=replay                      | crypto.source.replay-file (REPLAY_FILE)",
        "COINGECKO_CALLS_PER_MINUTE=0                | crypto.poll.calls-per-minute (COINGECKO_CALLS_PER_MINUTE)",
        "KAFKA_TOPIC_PARTITIONS=0                    | crypto.topics.partitions (KAFKA_TOPIC_PARTITIONS)",
        "BACKFILL_DAYS=0                             | crypto.backfill.days (BACKFILL_DAYS)",
        "BACKFILL_CHUNK_DAYS=1                       | crypto.backfill.chunk-days (BACKFILL_CHUNK_DAYS)",
        "BACKFILL_FROM=last week                     | crypto.backfill.from (BACKFILL_FROM)",
        "BACKFILL_SOURCE=replay                      | crypto.backfill.source (BACKFILL_SOURCE)",
        "BACKFILL_GAPS_FILE=/no/such/file            | crypto.backfill.gaps-file (BACKFILL_GAPS_FILE)",
        "COINGECKO_MAX_RESPONSE_BYTES=16777216       | crypto.coingecko.max-response-bytes (COINGECKO_MAX_RESPONSE_BYTES)",
      })
  void failsAtStartupNamingTheKey(String setting, String expectedKey) {
    ThrowingCallable start =
        () ->
            new SpringApplicationBuilder(ProducerApplication.class)
                .web(WebApplicationType.NONE)
                .properties(setting, "crypto.poll.enabled=false")
                .run()
                .close();

    assertThatThrownBy(start).satisfies(e -> assertThat(messagesOf(e)).contains(expectedKey));
  }

  @Test
  void theApiKeyNeverAppearsInTheSettingsPrintedForSomeoneReadingLogs() {
    String key = "CG-secret-key-1234";
    ProducerProperties.CoinGecko api =
        new ProducerProperties.CoinGecko(
            "", key, "demo", "bitcoin", 250, Duration.ofSeconds(10), 1_048_576, null);

    assertThat(api.toString()).doesNotContain(key).contains("apiKey=(set)");
  }

  /** Spring wraps the cause; what the user reads at startup is the whole chain. */
  private static String messagesOf(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }
}
