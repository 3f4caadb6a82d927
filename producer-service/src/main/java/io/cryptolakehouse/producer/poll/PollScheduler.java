package io.cryptolakehouse.producer.poll;

import io.cryptolakehouse.producer.quota.KeyUsageReader;
import io.cryptolakehouse.producer.quota.QuotaPacer;
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

  /** How often the key's usage is read where the API reports it. */
  static final Duration USAGE_EVERY = Duration.ofMinutes(10);

  private final Poller poller;
  private final Sleeper sleeper;
  private final Duration priceInterval;
  private final Duration marketsInterval;
  private final QuotaPacer pacer;
  private final KeyUsageReader usage;
  private ScheduledExecutorService executor;

  /**
   * @param pacer spreads the month's credits ({@code null}: polls at the configured intervals)
   * @param usage reads the key's usage from the API every {@link #USAGE_EVERY} ({@code null}: the
   *     plan has no such endpoint)
   */
  public PollScheduler(
      Poller poller,
      Sleeper sleeper,
      Duration priceInterval,
      Duration marketsInterval,
      QuotaPacer pacer,
      KeyUsageReader usage) {
    this.poller = poller;
    this.sleeper = sleeper;
    this.priceInterval = priceInterval;
    this.marketsInterval = marketsInterval;
    this.pacer = pacer;
    this.usage = usage;
  }

  @Override
  public synchronized void start() {
    executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "coingecko-poller"));
    if (usage != null) {
      // First, so that the first polls are already paced by the API's own figure.
      executor.scheduleWithFixedDelay(
          usage::refresh, 0, USAGE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }
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
          if (!guard.due()) {
            log.info("Skipping a missed poll of {}: polls resume at their rate", endpoint.path());
          } else if (pacer == null || pacer.due(endpoint)) {
            pollSafely(endpoint);
          } else {
            log.debug("Skipping a tick of {}: paced to last the month's credits", endpoint.path());
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
