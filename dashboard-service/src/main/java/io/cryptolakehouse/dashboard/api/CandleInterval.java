package io.cryptolakehouse.dashboard.api;

import java.time.Duration;
import java.util.Arrays;

/** The intervals Gold keeps candles at, each with the range a chart shows by default. */
enum CandleInterval {
  M1("1m", Duration.ofMinutes(1), Duration.ofHours(2)),
  M5("5m", Duration.ofMinutes(5), Duration.ofHours(10)),
  M15("15m", Duration.ofMinutes(15), Duration.ofHours(30)),
  H1("1h", Duration.ofHours(1), Duration.ofHours(48)),
  D1("1d", Duration.ofDays(1), Duration.ofDays(90));

  final String label;
  final Duration length;
  final Duration defaultRange;

  CandleInterval(String label, Duration length, Duration defaultRange) {
    this.label = label;
    this.length = length;
    this.defaultRange = defaultRange;
  }

  static CandleInterval of(String value) {
    return Arrays.stream(values())
        .filter(i -> i.label.equals(value))
        .findFirst()
        .orElseThrow(
            () ->
                new BadRequest(
                    "interval must be one of "
                        + Arrays.stream(values()).map(i -> i.label).toList()
                        + ", was '"
                        + value
                        + "'"));
  }
}
