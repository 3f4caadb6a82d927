package io.cryptolakehouse.producer.quota;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the key's usage from the Pro API's {@code /key} (its monthly credits and what is left) into
 * {@link MonthlyCredits}. Only the Pro plan has that endpoint; on the others the producer counts
 * its own calls. A failed read changes nothing: the count goes on from the last report.
 */
public final class KeyUsageReader {

  static final String PATH = "/key";
  private static final Logger log = LoggerFactory.getLogger(KeyUsageReader.class);

  private final WebClient client;
  private final JsonMapper json;
  private final Duration timeout;
  private final MonthlyCredits credits;
  private final Runnable beforeCall;

  /**
   * @param beforeCall waits for the calls-per-minute budget and counts the call (this one costs a
   *     credit too, as far as the producer knows)
   */
  public KeyUsageReader(
      WebClient client,
      JsonMapper json,
      Duration timeout,
      MonthlyCredits credits,
      Runnable beforeCall) {
    this.client = client;
    this.json = json;
    this.timeout = timeout;
    this.credits = credits;
    this.beforeCall = beforeCall;
  }

  public void refresh() {
    try {
      beforeCall.run();
      String body = client.get().uri(PATH).retrieve().bodyToMono(String.class).block(timeout);
      JsonNode usage = json.readTree(body == null ? "" : body);
      JsonNode remaining = usage.path("current_remaining_monthly_calls");
      if (!remaining.isNumber()) {
        log.warn(
            "{} answered without current_remaining_monthly_calls; counting calls instead", PATH);
        return;
      }
      credits.report(usage.path("monthly_call_credit").asLong(0), remaining.asLong());
      log.info(
          "CoinGecko reports {} of {} monthly API credits left",
          remaining.asLong(),
          credits.allowance());
    } catch (RuntimeException e) {
      log.warn("Could not read the key's usage from {}: {}", PATH, e.toString());
    }
  }
}
