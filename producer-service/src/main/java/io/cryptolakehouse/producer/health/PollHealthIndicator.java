package io.cryptolakehouse.producer.health;

import io.cryptolakehouse.producer.poll.PollStatus;
import io.cryptolakehouse.producer.quota.MonthlyCredits;
import io.cryptolakehouse.producer.quota.QuotaPacer;
import io.cryptolakehouse.producer.source.ApiRequest.Endpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN when no price poll has been fully published for longer than {@code staleAfter}: the process
 * is alive but the lakehouse is not being fed (rate-limited, broker gone, bad key).
 */
public final class PollHealthIndicator implements HealthIndicator {

  private final PollStatus status;
  private final Clock clock;
  private final Duration staleAfter;
  private final QuotaPacer pacer;
  private final MonthlyCredits credits;

  public PollHealthIndicator(
      PollStatus status,
      Clock clock,
      Duration staleAfter,
      QuotaPacer pacer,
      MonthlyCredits credits) {
    this.status = status;
    this.clock = clock;
    this.staleAfter = staleAfter;
    this.pacer = pacer;
    this.credits = credits;
  }

  @Override
  public Health health() {
    Instant now = clock.instant();
    Instant since = status.lastSuccess(Endpoint.SIMPLE_PRICE).orElse(status.startedAt());
    Duration age = Duration.between(since, now);
    // Paced polls come less often, and none come while the credits are used up: both healthy.
    Duration stale = QuotaPacer.widen(staleAfter, pacer.factor());
    Health.Builder builder =
        age.compareTo(stale) > 0 && !pacer.exhausted() ? Health.down() : Health.up();
    builder.withDetail("staleAfterSeconds", stale.toSeconds());
    credits
        .remaining()
        .ifPresent(
            left ->
                builder
                    .withDetail("creditsRemaining", left)
                    .withDetail("creditsCountedBy", credits.reported() ? "api" : "producer")
                    .withDetail("creditsRenewAt", credits.renewsAt().toString()));
    builder.withDetail("pace", pacer.factor());
    if (pacer.exhausted()) {
      builder.withDetail(
          "waiting", "the month's API credits are used up; polling resumes " + credits.renewsAt());
    }
    status
        .lastSuccess(Endpoint.SIMPLE_PRICE)
        .ifPresentOrElse(
            at ->
                builder
                    .withDetail("lastPricePoll", at.toString())
                    .withDetail("ageSeconds", age.toSeconds()),
            () -> builder.withDetail("lastPricePoll", "none yet"));
    status
        .lastSuccess(Endpoint.COINS_MARKETS)
        .ifPresent(at -> builder.withDetail("lastMarketsPoll", at.toString()));
    return builder.build();
  }
}
