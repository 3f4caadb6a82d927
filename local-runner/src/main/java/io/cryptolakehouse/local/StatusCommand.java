package io.cryptolakehouse.local;

import io.cryptolakehouse.model.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

/**
 * {@code status}: the running pipeline's latest view (it publishes one every few seconds), or, when
 * nothing runs, what the tables hold and what the last run published.
 */
final class StatusCommand {

  private final CommandLine.Status options;
  private final Terminal terminal;

  StatusCommand(CommandLine.Status options, Terminal terminal) {
    this.options = options;
    this.terminal = terminal;
  }

  int run() {
    DataDir dir = new DataDir(options.dataDir());
    if (dir.pipelineRunning() && Files.exists(dir.statusFile())) {
      // The pipeline publishes its view every few seconds: no Spark session needed to show it.
      boolean json = options.format() == OutputFormat.JSONL;
      terminal.line(read(json ? dir.statusFile() : dir.statusTextFile()).stripTrailing());
      return 0;
    }
    try (LakehouseAccess access = LakehouseAccess.open(dir)) {
      Status status = stopped(new StatusProbe(access.spark(), access.catalog()), dir);
      terminal.line(
          options.format() == OutputFormat.JSONL
              ? StatusView.json(status)
              : StatusView.text(status, "data " + dir.root() + " · not running"));
      return 0;
    }
  }

  private static Status stopped(StatusProbe probe, DataDir dir) {
    List<Status.TableRows> tables = probe.tableRows();
    Properties lastRun = dir.read(dir.lastRunFile());
    String published = lastRun.getProperty("kafka_published");
    Long bronze = StatusLoop.rowsOf(tables, Tables.BRONZE_TICKS_RAW.name());
    Long markets = StatusLoop.rowsOf(tables, Tables.BRONZE_COIN_MARKETS_RAW.name());
    return new Status(
        Instant.now(),
        "stopped",
        lastRun.getProperty("source", "-"),
        tables,
        published == null ? null : Long.valueOf(published),
        bronze == null ? null : bronze + (markets == null ? 0 : markets),
        StatusLoop.rowsOf(tables, Tables.SILVER_PRICES_REJECTED.name()),
        probe.newestTick(),
        List.of(),
        "not running",
        probe.latestPrices(),
        new Status.Maintenance("not running", LocalMaintenance.last(dir), null));
  }

  private static String read(java.nio.file.Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
