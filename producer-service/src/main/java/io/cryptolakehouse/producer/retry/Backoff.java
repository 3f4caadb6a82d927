package io.cryptolakehouse.producer.retry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": half the exponential delay, plus a random part up to the
 * other half, so many producers restarted together do not retry in lockstep.
 */
public final class Backoff {

  private final Duration initial;
  private final Duration max;
  private final RandomGenerator random;

  public Backoff(Duration initial, Duration max, RandomGenerator random) {
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  /** The wait before retry number {@code attempt} (1 for the first retry). */
  public Duration delay(int attempt) {
    long ceilingMillis = max.toMillis();
    long exp = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
    long base = Math.min(exp <= 0 ? ceilingMillis : exp, ceilingMillis);
    long half = base / 2;
    return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
  }
}
