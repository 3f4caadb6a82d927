package io.cryptolakehouse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptolakehouse.local.support.UsageError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsTest {

  private static <T extends CommandLine> T parse(Class<T> type, String... args) {
    CommandLine parsed = Options.parse(args);
    assertThat(parsed).isInstanceOf(type);
    return type.cast(parsed);
  }

  @Test
  void defaultsRunTheLivePipelineInDotLakehouse() {
    CommandLine.Run o = parse(CommandLine.Run.class);

    assertThat(o.source()).isEqualTo(SourceSpec.COINGECKO);
    assertThat(o.dataDir()).isEqualTo(Path.of(".lakehouse").toAbsolutePath().normalize());
    assertThat(o.duration()).isNull();
    assertThat(o.format()).isEqualTo(OutputFormat.TABLE);
    assertThat(o.ports()).isEqualTo(LocalPorts.DEFAULTS);
    assertThat(parse(CommandLine.Run.class, "run", "--duration", "5").duration())
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void readsEveryRunOption(@TempDir Path dir) throws Exception {
    Path replay = Files.writeString(dir.resolve("r.jsonl"), "{}\n");
    CommandLine.Run o =
        parse(
            CommandLine.Run.class,
            "--source",
            "replay:" + replay,
            "--coingecko-url",
            "http://localhost:1/api/v3/",
            "--interval",
            "7",
            "--duration",
            "120",
            "--data-dir",
            dir.toString(),
            "--reset",
            "--kafka-port",
            "19092",
            "--format",
            "jsonl");

    assertThat(o.source().kind()).isEqualTo(SourceSpec.Kind.REPLAY);
    assertThat(o.source().replayFile()).isEqualTo(replay);
    assertThat(o.coingeckoUrl()).isEqualTo("http://localhost:1/api/v3");
    assertThat(o.intervalSeconds()).isEqualTo(7);
    assertThat(o.duration()).isEqualTo(Duration.ofSeconds(120));
    assertThat(o.dataDir()).isEqualTo(dir);
    assertThat(o.reset()).isTrue();
    assertThat(o.ports().kafka()).isEqualTo(19092);
    assertThat(o.format()).isEqualTo(OutputFormat.JSONL);
  }

  @Test
  void maintenanceIsScheduledEveryHalfHourAndKeepsThreeDaysAndThirtyDaysOfBronze() {
    CommandLine.Retention defaults = parse(CommandLine.Run.class).retention();
    CommandLine.Maintain maintenance =
        parse(
            CommandLine.Maintain.class,
            "maintenance",
            "--format",
            "jsonl",
            "--snapshot-retention-hours",
            "6",
            "--max-snapshots",
            "200",
            "--bronze-retention-days",
            "0");
    CommandLine.Run off = parse(CommandLine.Run.class, "--maintenance-interval", "0");

    assertThat(defaults.interval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(defaults.snapshotRetentionHours()).isEqualTo(72);
    assertThat(defaults.maxSnapshots()).isEqualTo(1_000);
    assertThat(defaults.bronzeRetentionDays()).isEqualTo(30);
    assertThat(maintenance.format()).isEqualTo(OutputFormat.JSONL);
    assertThat(maintenance.retention().snapshotRetentionHours()).isEqualTo(6);
    assertThat(maintenance.retention().maxSnapshots()).isEqualTo(200);
    assertThat(maintenance.retention().bronzeRetentionDays()).isZero();
    assertThat(off.retention().interval()).isZero();
    assertThatThrownBy(() -> Options.parse(new String[] {"--snapshot-retention-hours", "0"}))
        .hasMessage("--snapshot-retention-hours must be a whole number > 0, was '0'");
    assertThatThrownBy(() -> Options.parse(new String[] {"--max-snapshots", "3"}))
        .hasMessage(
            "--max-snapshots must be at least 5 (the snapshots maintenance always keeps), was 3");
    assertThatThrownBy(() -> Options.parse(new String[] {"--maintenance-interval", "-1"}))
        .hasMessage("--maintenance-interval must be a whole number >= 0, was '-1'");
  }

  @Test
  void backfillTakesDaysOrARangeCoinsAndGaps() {
    CommandLine.Backfill defaults = parse(CommandLine.Backfill.class, "backfill");
    CommandLine.Backfill o =
        parse(
            CommandLine.Backfill.class,
            "backfill",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-03T06:00:00Z",
            "--coins",
            "bitcoin, solana,",
            "--gaps");

    assertThat(defaults.days()).isEqualTo(7);
    assertThat(defaults.coins()).isEmpty();
    assertThat(defaults.gaps()).isFalse();
    assertThat(o.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(o.to()).isEqualTo(Instant.parse("2026-11-03T06:00:00Z"));
    assertThat(o.coins()).containsExactly("bitcoin", "solana");
    assertThat(o.gaps()).isTrue();
    assertThatThrownBy(
            () ->
                Options.parse(
                    new String[] {"backfill", "--from", "2026-11-03", "--to", "2026-11-01"}))
        .hasMessageContaining("--from 2026-11-03T00:00:00Z is not before --to");
    assertThatThrownBy(() -> Options.parse(new String[] {"backfill", "--from", "yesterday"}))
        .hasMessageContaining("--from must be a date like 2026-01-31");
    assertThatThrownBy(() -> Options.parse(new String[] {"backfill", "--days", "0"}))
        .hasMessageContaining("--days must be a whole number > 0");
  }

  @Test
  void eachCommandTakesOnlyItsOwnOptions() {
    assertThatThrownBy(() -> Options.parse(new String[] {"--gaps"}))
        .isInstanceOf(UsageError.class)
        .hasMessage("--gaps is not an option of run (it goes with backfill); try --help");
    assertThatThrownBy(() -> Options.parse(new String[] {"sql", "SELECT 1", "--days", "3"}))
        .hasMessage("--days is not an option of sql (it goes with backfill); try --help");
    assertThatThrownBy(() -> Options.parse(new String[] {"backfill", "--reset"}))
        .hasMessage("--reset is not an option of backfill (it goes with run); try --help");
    assertThatThrownBy(() -> Options.parse(new String[] {"status", "--max-snapshots", "9"}))
        .hasMessage(
            "--max-snapshots is not an option of status (it goes with run, maintenance);"
                + " try --help");
    assertThatThrownBy(() -> Options.parse(new String[] {"--coin", "solana"}))
        .hasMessage("--coin is not an option of run (it goes with query); try --help");
    // What every command takes, and --help after anything.
    assertThat(parse(CommandLine.Status.class, "status", "--data-dir", "x").dataDir())
        .isEqualTo(Path.of("x").toAbsolutePath());
    assertThat(Options.parse(new String[] {"sql", "--days", "--help"}))
        .isInstanceOf(CommandLine.Help.class);
  }

  @Test
  void subcommandsTakeTheirArgument() {
    CommandLine.Sql sql = parse(CommandLine.Sql.class, "sql", "SELECT 1", "--format", "csv");
    assertThat(sql.statement()).isEqualTo("SELECT 1");
    assertThat(sql.format()).isEqualTo(OutputFormat.CSV);

    CommandLine.Query query =
        parse(
            CommandLine.Query.class,
            "query",
            "q1",
            "--coin",
            "solana",
            "--as-of",
            "2026-01-31T12:00:00Z");
    assertThat(query.name()).isEqualTo("q1");
    assertThat(query.coin()).isEqualTo("solana");
    assertThat(query.asOf()).isEqualTo(Instant.parse("2026-01-31T12:00:00Z"));

    assertThat(parse(CommandLine.Status.class, "status", "--format", "jsonl").format())
        .isEqualTo(OutputFormat.JSONL);
  }

  @Test
  void badValuesNameTheOption() {
    assertThatThrownBy(() -> Options.parse(new String[] {"--duration", "soon"}))
        .isInstanceOf(UsageError.class)
        .hasMessageContaining("--duration");
    assertThatThrownBy(() -> Options.parse(new String[] {"--source", "kraken"}))
        .hasMessageContaining("--source must be coingecko, simulated or replay:FILE");
    assertThatThrownBy(() -> Options.parse(new String[] {"--source", "replay:/no/such/file"}))
        .hasMessageContaining("no such file");
    assertThatThrownBy(() -> Options.parse(new String[] {"--kafka-port", "70000"}))
        .hasMessageContaining("--kafka-port must be a port number");
    assertThatThrownBy(() -> Options.parse(new String[] {"--format", "xml"}))
        .hasMessageContaining("--format must be table, csv or jsonl");
    assertThatThrownBy(() -> Options.parse(new String[] {"--bogus"}))
        .hasMessageContaining("unknown option --bogus");
    assertThatThrownBy(() -> Options.parse(new String[] {"--interval"}))
        .hasMessageContaining("--interval needs a value");
    assertThatThrownBy(() -> Options.parse(new String[] {"launch"}))
        .hasMessageContaining("unknown command 'launch'");
    assertThatThrownBy(() -> Options.parse(new String[] {"sql"}))
        .hasMessageContaining("./run-local.sh sql \"SELECT ...\"");
  }
}
