package io.cryptolakehouse.producer.poll;

import io.cryptolakehouse.producer.metrics.ProducerMetrics;
import io.cryptolakehouse.producer.retry.Backoff;
import io.cryptolakehouse.producer.retry.Sleeper;
import io.cryptolakehouse.producer.source.ApiRequest;
import io.cryptolakehouse.producer.source.FetchOutcome;
import io.cryptolakehouse.producer.source.FetchOutcome.Exhausted;
import io.cryptolakehouse.producer.source.FetchOutcome.Failure;
import io.cryptolakehouse.producer.source.FetchOutcome.FailureReason;
import io.cryptolakehouse.producer.source.FetchOutcome.Response;
import io.cryptolakehouse.producer.source.ResponseSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one API call within the budget, retrying failures: the server's {@code Retry-After} when it
 * sends one (which also pauses every other call), else exponential backoff with jitter. Failures
 * are never returned as data.
 */
public final class RetryingFetcher {

  private static final Logger log = LoggerFactory.getLogger(RetryingFetcher.class);

  /** A Retry-After beyond this is treated as this (a misconfigured proxy must not park us). */
  static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(15);

  private final ResponseSource source;
  private final CallBudget budget;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final Clock clock;
  private final ProducerMetrics metrics;
  private final int maxAttempts;

  public RetryingFetcher(
      ResponseSource source,
      CallBudget budget,
      Backoff backoff,
      Sleeper sleeper,
      Clock clock,
      ProducerMetrics metrics,
      int maxAttempts) {
    this.source = source;
    this.budget = budget;
    this.backoff = backoff;
    this.sleeper = sleeper;
    this.clock = clock;
    this.metrics = metrics;
    this.maxAttempts = maxAttempts;
  }

  /** A 2xx response, or empty when the source is exhausted or every attempt failed. */
  public Optional<Response> fetch(ApiRequest request) throws InterruptedException {
    String endpoint = request.endpoint().path();
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      budget.acquire();
      FetchOutcome outcome = source.fetch(request);
      if (outcome instanceof Response response) {
        metrics.countCall(endpoint, "success");
        return Optional.of(response);
      }
      if (outcome instanceof Exhausted) {
        return Optional.empty();
      }
      Failure failure = (Failure) outcome;
      metrics.countCall(endpoint, failure.reason().tag());
      if (attempt == maxAttempts) {
        break;
      }
      if (isFinal(failure)) {
        metrics.countAbandonedCall(endpoint);
        log.error(
            "{} for {} coin(s) refused: HTTP {} {}; not retried (the same request fails the same"
                + " way), skipping it until the next poll",
            endpoint,
            request.ids().size(),
            failure.status(),
            failure.detail());
        return Optional.empty();
      }
      Duration wait = waitAfter(failure, attempt);
      log.warn(
          "{} for {} coin(s) failed: {} (HTTP {}) {}; attempt {}/{}, retrying in {} ms",
          endpoint,
          request.ids().size(),
          failure.reason().tag(),
          failure.status(),
          failure.detail(),
          attempt,
          maxAttempts,
          wait.toMillis());
      if (failure.retryAfter().isPresent()) {
        budget.pauseUntil(clock.instant().plus(wait));
      } else {
        sleeper.sleep(wait);
      }
    }
    metrics.countAbandonedCall(endpoint);
    log.error(
        "{} for {} coin(s) failed {} times; skipping it until the next poll",
        endpoint,
        request.ids().size(),
        maxAttempts);
    return Optional.empty();
  }

  /**
   * A 4xx other than 429 (rate limited) and 408 (request timeout) says the request itself is wrong
   * (a bad key, an unknown parameter): retrying spends the call budget on the same answer.
   */
  private static boolean isFinal(Failure failure) {
    return failure.reason() == FailureReason.CLIENT_ERROR && failure.status() != 408;
  }

  private Duration waitAfter(Failure failure, int attempt) {
    return failure
        .retryAfter()
        .map(d -> d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d)
        .orElseGet(() -> backoff.delay(attempt));
  }
}
