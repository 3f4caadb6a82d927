package io.cryptolakehouse.producer.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff =
      new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(2), new Random(7));

  @RepeatedTest(20)
  void growsExponentiallyWithJitterInTheUpperHalf() {
    for (int attempt = 1; attempt <= 6; attempt++) {
      long base = Math.min(2_000L << (attempt - 1), 120_000L);
      assertThat(backoff.delay(attempt).toMillis()).isBetween(base / 2, base);
    }
  }

  @Test
  void isCappedAtTheMaximumEvenAfterManyAttempts() {
    assertThat(backoff.delay(10_000)).isLessThanOrEqualTo(Duration.ofMinutes(2));
    assertThat(backoff.delay(10_000)).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void jitterSpreadsRetriesOfTheSameAttempt() {
    long distinct =
        java.util.stream.IntStream.range(0, 50)
            .mapToLong(i -> backoff.delay(3).toMillis())
            .distinct()
            .count();
    assertThat(distinct).isGreaterThan(10);
  }
}
