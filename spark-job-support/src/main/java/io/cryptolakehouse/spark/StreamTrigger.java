package io.cryptolakehouse.spark;

import java.time.Duration;
import org.apache.spark.sql.execution.streaming.ProcessingTimeTrigger;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Parses a trigger setting: {@code available-now} (drain what is there, then stop: backfills,
 * benchmarks, tests) or an interval such as {@code 30 seconds}. Longer intervals mean fewer, larger
 * files and snapshots; shorter ones mean fresher tables and more maintenance.
 */
public final class StreamTrigger {

  public static final String AVAILABLE_NOW = "available-now";

  private StreamTrigger() {}

  /**
   * The trigger {@code value}, or {@code minimum} where {@code value} is a shorter interval; {@code
   * available-now} stays as it is.
   */
  public static String atLeast(String key, String value, Duration minimum) {
    if (parse(key, value) instanceof ProcessingTimeTrigger interval
        && interval.intervalMs() < minimum.toMillis()) {
      return minimum.toSeconds() + " seconds";
    }
    return value;
  }

  public static Trigger parse(String key, String value) {
    if (AVAILABLE_NOW.equalsIgnoreCase(value.strip())) {
      return Trigger.AvailableNow();
    }
    try {
      return Trigger.ProcessingTime(value.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          key
              + " must be '"
              + AVAILABLE_NOW
              + "' or an interval like '30 seconds', was '"
              + value
              + "'");
    }
  }
}
