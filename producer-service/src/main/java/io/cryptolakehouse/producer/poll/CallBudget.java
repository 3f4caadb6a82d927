package io.cryptolakehouse.producer.poll;

import io.cryptolakehouse.producer.quota.MonthlyCredits;
import io.cryptolakehouse.producer.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A calls-per-minute budget over a sliding 60 s window, shared by every endpoint (CoinGecko counts
 * all calls, errors included), plus a global pause when the server sends {@code Retry-After}.
 */
public final class CallBudget {

  static final Duration WINDOW = Duration.ofMinutes(1);

  private final int callsPerMinute;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Deque<Instant> recentCalls = new ArrayDeque<>();
  private final MonthlyCredits credits;
  private Instant pausedUntil = Instant.EPOCH;

  public CallBudget(int callsPerMinute, Clock clock, Sleeper sleeper) {
    this(callsPerMinute, clock, sleeper, null);
  }

  /** The same, counting every call against the month's credits too ({@code null}: not counted). */
  public CallBudget(int callsPerMinute, Clock clock, Sleeper sleeper, MonthlyCredits credits) {
    this.callsPerMinute = callsPerMinute;
    this.clock = clock;
    this.sleeper = sleeper;
    this.credits = credits;
  }

  /** Blocks until one more call fits in the budget, then counts it. */
  public void acquire() throws InterruptedException {
    while (true) {
      Duration wait;
      synchronized (this) {
        Instant now = clock.instant();
        wait = waitBefore(now);
        if (wait.isZero()) {
          recentCalls.addLast(now);
          if (credits != null) {
            credits.recordCall();
          }
          return;
        }
      }
      sleeper.sleep(wait);
    }
  }

  /** No call may start before {@code until} (the server asked us to wait). */
  public synchronized void pauseUntil(Instant until) {
    if (until.isAfter(pausedUntil)) {
      pausedUntil = until;
    }
  }

  private Duration waitBefore(Instant now) {
    while (!recentCalls.isEmpty() && !recentCalls.peekFirst().plus(WINDOW).isAfter(now)) {
      recentCalls.pollFirst();
    }
    if (now.isBefore(pausedUntil)) {
      return Duration.between(now, pausedUntil);
    }
    if (recentCalls.size() >= callsPerMinute) {
      return Duration.between(now, recentCalls.peekFirst().plus(WINDOW));
    }
    return Duration.ZERO;
  }
}
