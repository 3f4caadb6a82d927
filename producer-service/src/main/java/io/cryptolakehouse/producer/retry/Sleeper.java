package io.cryptolakehouse.producer.retry;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits for backoffs and budgets, and stops waiting the moment the producer shuts down, so a Ctrl-C
 * never hangs behind a two-minute backoff.
 */
public class Sleeper {

  private final CountDownLatch stopped = new CountDownLatch(1);

  /** Waits {@code duration}; throws {@link InterruptedException} if the producer is stopping. */
  public void sleep(Duration duration) throws InterruptedException {
    if (stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new InterruptedException("producer is stopping");
    }
  }

  public void stop() {
    stopped.countDown();
  }

  public boolean stopping() {
    return stopped.getCount() == 0;
  }
}
