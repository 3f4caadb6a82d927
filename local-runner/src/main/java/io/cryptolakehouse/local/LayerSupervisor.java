package io.cryptolakehouse.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one layer's queries running, as a cluster's supervisor would restart a failed job: a failed
 * query is restarted from its checkpoint (exactly-once makes that safe) after a backoff that
 * doubles up to five minutes. A layer that has then run for {@link #STABLE_AFTER} is healthy again:
 * its next failure, hours later, waits the first backoff, not the last one.
 */
final class LayerSupervisor {

  private static final Logger log = LoggerFactory.getLogger(LayerSupervisor.class);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
  static final Duration STABLE_AFTER = Duration.ofMinutes(10);

  private final String layer;
  private final Supplier<List<StreamingQuery>> starter;
  private List<StreamingQuery> queries = List.of();
  private int failures;
  private Instant restartAt;
  private Instant startedAt;
  private String lastError;

  LayerSupervisor(String layer, Supplier<List<StreamingQuery>> starter) {
    this.layer = layer;
    this.starter = starter;
  }

  String name() {
    return layer;
  }

  void start() {
    start(Instant.now());
  }

  synchronized void start(Instant now) {
    try {
      queries = starter.get();
      startedAt = now;
      log.info("{} started: {}", layer, queries.stream().map(StreamingQuery::name).toList());
    } catch (RuntimeException e) {
      failed(e.toString(), now);
    }
  }

  /** Restarts the layer if one of its queries died and its backoff has passed. */
  synchronized void check(Instant now) {
    if (restartAt == null) {
      for (StreamingQuery q : queries) {
        if (!q.isActive()) {
          String error = q.exception().isDefined() ? q.exception().get().getMessage() : "stopped";
          failed(q.name() + ": " + firstLine(error), now);
          stopQueries();
          break;
        }
      }
    }
    if (restartAt == null
        && failures > 0
        && startedAt != null
        && !now.isBefore(startedAt.plus(STABLE_AFTER))) {
      log.info("{} has run for {} since its restart; its backoff starts over", layer, STABLE_AFTER);
      failures = 0;
    }
    if (restartAt != null && !now.isBefore(restartAt)) {
      restartAt = null;
      start(now);
    }
  }

  private void failed(String error, Instant now) {
    failures++;
    lastError = error;
    long factor = 1L << Math.min(failures - 1, 10);
    Duration backoff = FIRST_BACKOFF.multipliedBy(factor);
    if (backoff.compareTo(MAX_BACKOFF) > 0) {
      backoff = MAX_BACKOFF;
    }
    restartAt = now.plus(backoff);
    startedAt = null;
    log.error("{} failed ({}); restarting in {}", layer, error, backoff);
  }

  /**
   * Waits until the layer's queries have processed everything available now. Each query's wait
   * lasts until its next trigger has found nothing new, so the queries are drained side by side:
   * one after another, Gold's stop would wait for a trigger interval per query.
   */
  synchronized void drain() {
    List<Thread> waits = new ArrayList<>();
    List<Exception> errors = new CopyOnWriteArrayList<>();
    for (StreamingQuery q : queries) {
      if (q.isActive()) {
        Thread wait = new Thread(() -> drainOne(q, errors), "drain-" + q.name());
        wait.start();
        waits.add(wait);
      }
    }
    try {
      for (Thread wait : waits) {
        wait.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while draining " + layer, e);
    }
    if (!errors.isEmpty()) {
      IllegalStateException failed =
          new IllegalStateException(layer + " did not drain: " + errors.get(0), errors.get(0));
      errors.stream().skip(1).forEach(failed::addSuppressed);
      throw failed;
    }
  }

  // Scala's processAllAvailable throws StreamingQueryException (checked) undeclared: hence
  // Exception, so that a failed query is reported instead of escaping the caller's handler.
  private static void drainOne(StreamingQuery q, List<Exception> errors) {
    try {
      q.processAllAvailable();
    } catch (Exception e) {
      errors.add(e);
    }
  }

  synchronized void stop() {
    restartAt = null;
    stopQueries();
  }

  private void stopQueries() {
    for (StreamingQuery q : queries) {
      try {
        q.stop();
      } catch (Exception e) {
        log.warn("Stopping {} failed: {}", q.name(), e.toString());
      }
    }
  }

  synchronized List<Status.QueryState> states() {
    List<Status.QueryState> states = new ArrayList<>();
    for (StreamingQuery q : queries) {
      StreamingQueryProgress p = q.lastProgress();
      String state =
          q.isActive()
              ? (q.status().isTriggerActive() ? "running" : "waiting")
              : (restartAt != null ? "restarting" : "stopped");
      states.add(
          new Status.QueryState(
              q.name(),
              state,
              p == null ? null : Instant.parse(p.timestamp()),
              p == null ? null : p.batchDuration(),
              p == null ? null : p.numInputRows(),
              restartAt != null ? lastError + " (restart at " + restartAt + ")" : null));
    }
    if (queries.isEmpty() && restartAt != null) {
      states.add(
          new Status.QueryState(
              layer,
              "restarting",
              null,
              null,
              null,
              lastError + " (restart at " + restartAt + ")"));
    }
    return states;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "unknown error";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
