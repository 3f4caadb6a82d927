package io.cryptolakehouse.producer.poll;

import io.cryptolakehouse.producer.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when code under test sleeps, recording every sleep. */
public final class FakeTime extends Sleeper {

  public final List<Duration> sleeps = new ArrayList<>();
  private Instant now;

  public final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  public FakeTime() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  public FakeTime(Instant start) {
    now = start;
  }

  public Instant now() {
    return now;
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    now = now.plus(duration);
  }

  public Duration totalSlept() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }
}
