package io.cryptolakehouse.producer.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallBudgetTest {

  private final FakeTime time = new FakeTime();

  @Test
  void allowsTheBudgetWithoutWaitingThenWaitsForTheWindowToSlide() throws Exception {
    CallBudget budget = new CallBudget(3, time.clock, time);

    for (int i = 0; i < 3; i++) {
      budget.acquire();
    }
    assertThat(time.sleeps).isEmpty();

    budget.acquire();
    assertThat(time.totalSlept()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void neverExceedsTheBudgetInAnyMinute() throws Exception {
    CallBudget budget = new CallBudget(5, time.clock, time);
    java.util.List<java.time.Instant> calls = new java.util.ArrayList<>();

    for (int i = 0; i < 23; i++) {
      budget.acquire();
      calls.add(time.clock.instant());
    }

    for (int i = 5; i < calls.size(); i++) {
      assertThat(Duration.between(calls.get(i - 5), calls.get(i)))
          .isGreaterThanOrEqualTo(CallBudget.WINDOW);
    }
  }

  @Test
  void pauseFromRetryAfterHoldsEveryCaller() throws Exception {
    CallBudget budget = new CallBudget(100, time.clock, time);
    budget.pauseUntil(time.clock.instant().plusSeconds(43));
    budget.pauseUntil(time.clock.instant().plusSeconds(10)); // an earlier pause never shortens it

    budget.acquire();

    assertThat(time.totalSlept()).isEqualTo(Duration.ofSeconds(43));
  }
}
