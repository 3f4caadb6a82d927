package io.cryptolakehouse.producer.quota;

import io.cryptolakehouse.producer.source.ApiRequest.Endpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads the month's remaining credits over what is left of the month. The planned rate (each
 * endpoint's calls per poll over its interval) is compared with the rate the credits allow; when it
 * is higher, every interval is widened by the same factor, so the month lasts. A poll tick runs
 * only once its endpoint's widened interval has passed; while no credit is left, none runs until
 * the month renews. Every change of pace is logged once.
 */
public final class QuotaPacer {

  private static final Logger log = LoggerFactory.getLogger(QuotaPacer.class);
  private static final Duration TICK_JITTER = Duration.ofSeconds(1);

  private final MonthlyCredits credits;
  private final Clock clock;
  private final Map<Endpoint, Duration> intervals;
  private final double plannedPerSecond;
  private final Map<Endpoint, Instant> lastRun = new EnumMap<>(Endpoint.class);
  private volatile double factor = 1;
  private double loggedFactor = 1;
  private volatile boolean exhausted;

  /**
   * @param intervals each polled endpoint's configured interval
   * @param callsPerPoll each polled endpoint's calls per poll (its id chunks)
   */
  public QuotaPacer(
      MonthlyCredits credits,
      Clock clock,
      Map<Endpoint, Duration> intervals,
      Map<Endpoint, Integer> callsPerPoll) {
    this.credits = credits;
    this.clock = clock;
    this.intervals = new EnumMap<>(intervals);
    this.plannedPerSecond =
        intervals.entrySet().stream()
            .mapToDouble(e -> callsPerPoll.get(e.getKey()) / (double) e.getValue().toSeconds())
            .sum();
  }

  /** Whether the poll of {@code endpoint} whose tick came now should call the API. */
  public synchronized boolean due(Endpoint endpoint) {
    Instant now = clock.instant();
    OptionalLong remaining = credits.remaining();
    if (remaining.isPresent() && remaining.getAsLong() == 0) {
      if (!exhausted) {
        log.warn(
            "The month's {} API credits are used up: polling nothing until they renew at {}",
            credits.allowance(),
            credits.renewsAt());
        exhausted = true;
      }
      return false;
    }
    if (exhausted) {
      log.info("API credits available again ({} left): polling resumes", remaining.orElse(-1));
      exhausted = false;
    }
    double next =
        remaining.isEmpty()
            ? 1
            : factor(
                remaining.getAsLong(), Duration.between(now, credits.renewsAt()), plannedPerSecond);
    factor = next;
    logPace(remaining);
    Duration paced = widen(intervals.get(endpoint), factor);
    Instant last = lastRun.get(endpoint);
    // Ticks come every configured interval, a little early or late: a second absorbs that. A
    // widened interval rounds up to the next tick, so the credits last rather than run out.
    if (last != null && Duration.between(last, now).compareTo(paced.minus(TICK_JITTER)) < 0) {
      return false;
    }
    lastRun.put(endpoint, now);
    return true;
  }

  /** How much the intervals are widened now (1: as configured). */
  public double factor() {
    return factor;
  }

  public boolean exhausted() {
    return exhausted;
  }

  /** The interval {@code endpoint} is polled at now. */
  public Duration interval(Endpoint endpoint) {
    return widen(intervals.get(endpoint), factor);
  }

  /**
   * The widening that makes {@code plannedPerSecond} fit {@code remaining} credits in {@code left}.
   */
  static double factor(long remaining, Duration left, double plannedPerSecond) {
    double allowedPerSecond = remaining / (double) Math.max(1, left.toSeconds());
    return plannedPerSecond <= allowedPerSecond ? 1 : plannedPerSecond / allowedPerSecond;
  }

  public static Duration widen(Duration interval, double factor) {
    return Duration.ofMillis((long) Math.ceil(interval.toMillis() * factor));
  }

  private void logPace(OptionalLong remaining) {
    double next = factor;
    // Logged when the pace moves by a tenth or more, not on every tick's small drift.
    if (Math.abs(next - loggedFactor) >= 0.1 * Math.max(1, loggedFactor)) {
      if (next > 1) {
        log.warn(
            "{} API credits left until {}: polls widened {}x to last the month (prices every {} s)",
            remaining.orElse(-1),
            credits.renewsAt(),
            String.format(java.util.Locale.ROOT, "%.1f", next),
            widen(intervals.get(Endpoint.SIMPLE_PRICE), next).toSeconds());
      } else {
        log.info("API credits suffice for the month: polls at their configured intervals");
      }
      loggedFactor = next;
    }
  }
}
