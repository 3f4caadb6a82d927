package io.cryptolakehouse.local;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One {@code run-local.sh} command with its own options, validated ({@link Options#parse}): each
 * command's record holds only what that command takes.
 */
sealed interface CommandLine {

  /** What every command takes. */
  Common common();

  default Path dataDir() {
    return common().dataDir();
  }

  default OutputFormat format() {
    return common().format();
  }

  record Common(Path dataDir, OutputFormat format) {}

  /** Table maintenance: the pipeline's scheduled runs and the maintenance command. */
  record Retention(
      Duration interval, int snapshotRetentionHours, int maxSnapshots, int bronzeRetentionDays) {}

  /** {@code ./run-local.sh [run]}: the whole pipeline. */
  record Run(
      Common common,
      SourceSpec source,
      String coingeckoUrl,
      Integer intervalSeconds,
      Duration duration,
      boolean reset,
      int refreshSeconds,
      LocalPorts ports,
      Retention retention)
      implements CommandLine {}

  /** {@code ./run-local.sh sql "SELECT ..."}. */
  record Sql(Common common, String statement) implements CommandLine {}

  /** {@code ./run-local.sh query <name>}: a business question from {@code queries/}. */
  record Query(Common common, String name, String coin, Instant asOf, Boolean simulated)
      implements CommandLine {}

  /** {@code ./run-local.sh status}. */
  record Status(Common common) implements CommandLine {}

  /** {@code ./run-local.sh maintenance}. */
  record Maintain(Common common, Retention retention) implements CommandLine {}

  /** {@code ./run-local.sh backfill}. */
  record Backfill(
      Common common,
      SourceSpec source,
      String coingeckoUrl,
      LocalPorts ports,
      int days,
      List<String> coins,
      boolean gaps,
      Instant from,
      Instant to)
      implements CommandLine {}

  /** {@code --help}. */
  record Help(Common common) implements CommandLine {}
}
