package io.cryptolakehouse.local;

import io.cryptolakehouse.model.Tables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running pipeline's main loop: every few seconds, restart what failed, look at the tables and
 * queries, show it and publish it ({@code status.json}/{@code status.txt} for {@code ./run-local.sh
 * status}); at the end, stop in order so that every published message is in Bronze and every Bronze
 * row has gone through Silver and Gold.
 */
final class StatusLoop {

  private static final Logger log = LoggerFactory.getLogger(StatusLoop.class);
  private static final Duration PRODUCER_RESTART = Duration.ofSeconds(30);
  private static final Duration QUIET_SUMMARY = Duration.ofSeconds(30);

  private final LocalPipeline.Running running;
  private final DataDir dir;
  private final Terminal terminal;
  private final ProducerQuota quota;
  private final CommandLine.Run options;
  private final String header;

  StatusLoop(
      LocalPipeline.Running running,
      DataDir dir,
      Terminal terminal,
      CommandLine.Run options,
      String header) {
    this.running = running;
    this.dir = dir;
    this.terminal = terminal;
    this.quota = new ProducerQuota(options.ports().producer());
    this.options = options;
    this.header = header;
  }

  void run(StopSignal stop) throws InterruptedException {
    Instant started = Instant.now();
    Instant deadline = options.duration() == null ? null : started.plus(options.duration());
    Instant producerStarted = started;
    Instant dashboardStarted = started;
    Instant lastSummary = Instant.MIN;
    if (!terminal.interactive()) {
      terminal.note(header); // stderr: stdout stays one format (e.g. JSON lines)
    }
    while (true) {
      Instant now = Instant.now();
      if (deadline != null && !now.isBefore(deadline)) {
        terminal.note("--duration reached; stopping cleanly ...");
        break;
      }
      running.layers().forEach(layer -> layer.check(now));
      if (!running.producer().alive()
          && Duration.between(producerStarted, now).compareTo(PRODUCER_RESTART) > 0) {
        log.warn("Producer {}; restarting it", running.producer().describe());
        running.producer().start();
        producerStarted = now;
      }
      if (!running.dashboard().alive()
          && Duration.between(dashboardStarted, now).compareTo(PRODUCER_RESTART) > 0) {
        log.warn("Dashboard {}; restarting it", running.dashboard().describe());
        running.dashboard().start();
        dashboardStarted = now;
      }
      Status status = collect("running");
      publish(status);
      if (terminal.interactive() && options.format() != OutputFormat.JSONL) {
        terminal.redraw(StatusView.text(status, header));
      } else if (options.format() == OutputFormat.JSONL) {
        terminal.line(StatusView.json(status));
      } else if (Duration.between(lastSummary, now).compareTo(QUIET_SUMMARY) >= 0) {
        terminal.line(StatusView.summary(status));
        lastSummary = now;
      }
      long waitMillis = options.refreshSeconds() * 1000L;
      if (deadline != null) {
        waitMillis = Math.min(waitMillis, Math.max(1, Duration.between(now, deadline).toMillis()));
      }
      if (stop.await(waitMillis)) {
        break;
      }
    }
    shutDown();
  }

  private void shutDown() {
    terminal.note("Stopping the producer and the dashboard ...");
    running.producer().stop();
    running.dashboard().stop();
    if (running.maintenance().busy()) {
      terminal.note("Letting the table maintenance in progress finish ...");
    }
    running.maintenance().close();
    for (LayerSupervisor layer : running.layers()) {
      terminal.note("Draining " + layer.name() + " ...");
      try {
        layer.drain();
      } catch (RuntimeException e) {
        log.error("Draining {} failed; its checkpoint resumes it next time", layer.name(), e);
        terminal.note("Draining " + layer.name() + " failed: " + e.getMessage());
      }
    }
    Status last = collect("stopped");
    publish(last);
    Properties lastRun = new Properties();
    lastRun.setProperty("stopped_at", last.at().toString());
    lastRun.setProperty("source", running.source().toString());
    if (last.published() != null) {
      lastRun.setProperty("kafka_published", last.published().toString());
    }
    dir.write(dir.lastRunFile(), lastRun);
    running.layers().forEach(LayerSupervisor::stop);
    running.offsets().close();
    terminal.line(
        options.format() == OutputFormat.JSONL ? StatusView.json(last) : StatusView.text(last, ""));
  }

  private Status collect(String state) {
    StatusProbe probe = running.probe();
    List<Status.TableRows> tables = probe.tableRows();
    List<Status.QueryState> queries = new ArrayList<>();
    running.layers().forEach(layer -> queries.addAll(layer.states()));
    return new Status(
        Instant.now(),
        state,
        running.source().toString(),
        tables,
        running.offsets().published(),
        rowsOf(tables, Tables.BRONZE_TICKS_RAW.name()) == null
            ? null
            : rowsOf(tables, Tables.BRONZE_TICKS_RAW.name())
                + orZero(rowsOf(tables, Tables.BRONZE_COIN_MARKETS_RAW.name())),
        rowsOf(tables, Tables.SILVER_PRICES_REJECTED.name()),
        probe.newestTick(),
        queries,
        running.producer().describe() + quota.describe(),
        probe.latestPrices(),
        running.maintenance().state());
  }

  static Long rowsOf(List<Status.TableRows> tables, String name) {
    return tables.stream()
        .filter(t -> t.table().equals(name))
        .map(Status.TableRows::rows)
        .findFirst()
        .orElse(null);
  }

  private static long orZero(Long n) {
    return n == null ? 0 : n;
  }

  private void publish(Status status) {
    dir.writeString(dir.statusFile(), StatusView.json(status) + "\n");
    dir.writeString(dir.statusTextFile(), StatusView.text(status, header));
  }
}
