package io.cryptolakehouse.producer.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CatchUpGuardTest {

  private final AtomicLong now = new AtomicLong();
  private final CatchUpGuard guard = new CatchUpGuard(Duration.ofSeconds(2), now::get);

  @Test
  void pollsAtTheScheduledRate() {
    for (int i = 0; i < 5; i++) {
      now.set(Duration.ofSeconds(2L * i).toNanos());
      assertThat(guard.due()).as("tick %d", i).isTrue();
    }
  }

  @Test
  void skipsTheMissedTicksAFixedRateScheduleFiresAfterAStall() {
    assertThat(guard.due()).isTrue();
    // The first poll blocked for 31 s (Kafka down): the executor then fires the 15 missed ticks
    // within milliseconds of each other, and one more at the next period.
    now.set(Duration.ofSeconds(31).toNanos());
    assertThat(guard.due()).isTrue();
    int polled = 0;
    for (int i = 1; i <= 15; i++) {
      now.set(Duration.ofSeconds(31).toNanos() + Duration.ofMillis(i).toNanos());
      polled += guard.due() ? 1 : 0;
    }
    assertThat(polled).isZero();
    now.set(Duration.ofSeconds(32).toNanos());
    assertThat(guard.due()).isTrue();
  }
}
