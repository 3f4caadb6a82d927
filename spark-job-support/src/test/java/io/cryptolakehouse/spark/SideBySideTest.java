package io.cryptolakehouse.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SideBySideTest {

  @Test
  void runsBothWritesAtTheSameTime() {
    // Each waits for the other to have started: only concurrent runs get past both waits.
    CountDownLatch bothStarted = new CountDownLatch(2);
    AtomicBoolean firstSawSecond = new AtomicBoolean();
    AtomicBoolean secondSawFirst = new AtomicBoolean();

    SideBySide.run(
        () -> firstSawSecond.set(arriveAndAwait(bothStarted)),
        () -> secondSawFirst.set(arriveAndAwait(bothStarted)));

    assertThat(firstSawSecond).isTrue();
    assertThat(secondSawFirst).isTrue();
  }

  @Test
  void throwsTheSideWritesFailureAfterTheFirstWriteIsDone() {
    AtomicBoolean firstDone = new AtomicBoolean();

    assertThatThrownBy(
            () ->
                SideBySide.run(
                    () -> firstDone.set(true),
                    () -> {
                      throw new IllegalStateException("candles MERGE failed");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("candles MERGE failed");
    assertThat(firstDone).isTrue();
  }

  @Test
  void keepsBothFailuresWhenBothWritesFail() {
    assertThatThrownBy(
            () ->
                SideBySide.run(
                    () -> {
                      throw new IllegalStateException("hourly");
                    },
                    () -> {
                      throw new IllegalArgumentException("candles");
                    }))
        .hasMessage("hourly")
        .satisfies(
            e ->
                assertThat(e.getSuppressed())
                    .extracting(Throwable::getMessage)
                    .containsExactly("candles"));
  }

  @Test
  void theSideWriteSeesTheCallersInheritedThreadLocals() {
    // Spark's local properties (job group, scheduler pool) are inheritable thread locals.
    InheritableThreadLocal<String> pool = new InheritableThreadLocal<>();
    pool.set("gold-aggregates");
    String[] seen = new String[1];

    SideBySide.run(() -> {}, () -> seen[0] = pool.get());

    assertThat(seen[0]).isEqualTo("gold-aggregates");
  }

  private static boolean arriveAndAwait(CountDownLatch latch) {
    latch.countDown();
    try {
      return latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
