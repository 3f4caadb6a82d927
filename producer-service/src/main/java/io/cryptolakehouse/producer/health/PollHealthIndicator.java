package io.cryptolakehouse.producer.health;

import io.cryptolakehouse.producer.poll.PollStatus;
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

  public PollHealthIndicator(PollStatus status, Clock clock, Duration staleAfter) {
    this.status = status;
    this.clock = clock;
    this.staleAfter = staleAfter;
  }

  @Override
  public Health health() {
    Instant now = clock.instant();
    Instant since = status.lastSuccess(Endpoint.SIMPLE_PRICE).orElse(status.startedAt());
    Duration age = Duration.between(since, now);
    Health.Builder builder = age.compareTo(staleAfter) > 0 ? Health.down() : Health.up();
    builder.withDetail("staleAfterSeconds", staleAfter.toSeconds());
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
