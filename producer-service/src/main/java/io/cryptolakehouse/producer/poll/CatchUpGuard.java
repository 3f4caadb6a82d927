package io.cryptolakehouse.producer.poll;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A fixed-rate schedule runs the executions a blocked poll missed back to back once it returns (a
 * publish waiting out a Kafka outage blocks for up to {@code max.block.ms}): a burst of identical
 * polls against the API budget, all answering the same {@code last_updated_at}. This lets a poll
 * run only when at least half an interval has passed since the last one started, so after a stall
 * polling resumes at its rate instead of catching up.
 */
final class CatchUpGuard {

  private final long minGapNanos;
  private final LongSupplier nanoTime;
  private Long lastStart;

  CatchUpGuard(Duration interval, LongSupplier nanoTime) {
    this.minGapNanos = interval.toNanos() / 2;
    this.nanoTime = nanoTime;
  }

  /** Whether to poll now; if so, now counts as the last start. */
  boolean due() {
    long now = nanoTime.getAsLong();
    if (lastStart != null && now - lastStart < minGapNanos) {
      return false;
    }
    lastStart = now;
    return true;
  }
}
