package io.cryptolakehouse.producer.poll;

import io.cryptolakehouse.producer.retry.Sleeper;
import io.cryptolakehouse.producer.source.ApiRequest.Endpoint;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the polls at a fixed rate on one thread: polls never overlap (a slow poll delays the next
 * instead of running beside it) and the call budget needs no locking across endpoints. Stops before
 * Kafka's producer closes, letting an in-flight publish finish.
 */
public final class PollScheduler implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PollScheduler.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final Poller poller;
  private final Sleeper sleeper;
  private final Duration priceInterval;
  private final Duration marketsInterval;
  private ScheduledExecutorService executor;

  public PollScheduler(
      Poller poller, Sleeper sleeper, Duration priceInterval, Duration marketsInterval) {
    this.poller = poller;
    this.sleeper = sleeper;
    this.priceInterval = priceInterval;
    this.marketsInterval = marketsInterval;
  }

  @Override
  public synchronized void start() {
    executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "coingecko-poller"));
    schedule(Endpoint.SIMPLE_PRICE, priceInterval);
    if (!marketsInterval.isZero()) {
      schedule(Endpoint.COINS_MARKETS, marketsInterval);
    }
    log.info(
        "Polling prices every {} s and coin attributes every {} s",
        priceInterval.toSeconds(),
        marketsInterval.isZero() ? "(off)" : marketsInterval.toSeconds());
  }

  private void schedule(Endpoint endpoint, Duration every) {
    CatchUpGuard guard = new CatchUpGuard(every, System::nanoTime);
    executor.scheduleAtFixedRate(
        () -> {
          if (guard.due()) {
            pollSafely(endpoint);
          } else {
            log.info("Skipping a missed poll of {}: polls resume at their rate", endpoint.path());
          }
        },
        0,
        every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** An exception escaping a fixed-rate task would cancel it forever: never let one out. */
  private void pollSafely(Endpoint endpoint) {
    try {
      poller.pollOnce(endpoint);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("Poll of {} failed; the next poll runs as scheduled", endpoint.path(), e);
    }
  }

  @Override
  public synchronized void stop() {
    if (executor == null) {
      return;
    }
    sleeper.stop();
    executor.shutdown();
    try {
      if (!executor.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("A poll was still running after {} s; interrupting it", STOP_GRACE.toSeconds());
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    executor = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }

  /** Stops first (highest phase), before the web server and the Kafka producer close. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }
}
