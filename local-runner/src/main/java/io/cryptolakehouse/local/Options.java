package io.cryptolakehouse.local;

import io.cryptolakehouse.local.support.OptionValues;
import io.cryptolakehouse.local.support.UsageError;
import io.cryptolakehouse.maintenance.MaintenanceSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The command line of {@code run-local.sh}, validated: a bad value fails before anything starts,
 * with a message naming the option. The option names are a contract (other tooling calls them).
 */
record Options(
    Command command,
    List<String> arguments,
    SourceSpec source,
    String coingeckoUrl,
    Integer intervalSeconds,
    Duration duration,
    Path dataDir,
    boolean reset,
    OutputFormat format,
    int refreshSeconds,
    LocalPorts ports,
    String coin,
    Instant asOf,
    Boolean simulated,
    Duration maintenanceInterval,
    int snapshotRetentionHours,
    int maxSnapshots,
    int bronzeRetentionDays,
    int days,
    List<String> coins,
    boolean gaps,
    Instant from,
    Instant to) {

  enum Command {
    RUN,
    SQL,
    QUERY,
    STATUS,
    MAINTENANCE,
    BACKFILL,
    HELP
  }

  static Options parse(String[] args) {
    Parser p = new Parser();
    int i = 0;
    if (args.length > 0 && !args[0].startsWith("-")) {
      p.command =
          switch (args[0]) {
            case "run" -> Command.RUN;
            case "sql" -> Command.SQL;
            case "query" -> Command.QUERY;
            case "status" -> Command.STATUS;
            case "maintenance" -> Command.MAINTENANCE;
            case "backfill" -> Command.BACKFILL;
            case "help" -> Command.HELP;
            default -> throw new UsageError("unknown command '" + args[0] + "'; try --help");
          };
      i = 1;
    }
    for (; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        p.arguments.add(arg);
      } else if (arg.equals("--help") || arg.equals("-h")) {
        p.command = Command.HELP;
      } else if (arg.equals("--reset")) {
        p.reset = true;
      } else if (arg.equals("--gaps")) {
        p.gaps = true;
      } else {
        p.set(arg, i + 1 < args.length ? args[++i] : null);
      }
    }
    return p.build();
  }

  /** The positional argument of sql/query, required. */
  String argument(String what) {
    if (arguments.size() != 1) {
      throw new UsageError(
          "./run-local.sh " + command.name().toLowerCase(java.util.Locale.ROOT) + " " + what);
    }
    return arguments.get(0);
  }

  private static final class Parser {
    Command command = Command.RUN;
    final List<String> arguments = new ArrayList<>();
    SourceSpec source = SourceSpec.COINGECKO;
    String coingeckoUrl;
    Integer interval;
    Duration duration;
    Path dataDir = Path.of(".lakehouse");
    boolean reset;
    OutputFormat format;
    int refresh = 5;
    int kafkaPort = LocalPorts.DEFAULTS.kafka();
    int s3Port = LocalPorts.DEFAULTS.s3();
    int metastorePort = LocalPorts.DEFAULTS.metastore();
    int producerPort = LocalPorts.DEFAULTS.producer();
    int dashboardPort = LocalPorts.DEFAULTS.dashboard();
    String coin = "bitcoin";
    Instant asOf;
    Boolean simulated;
    Duration maintenanceInterval = Duration.ofMinutes(30);
    int snapshotRetentionHours = (int) MaintenanceSettings.DEFAULT_SNAPSHOT_RETENTION.toHours();
    int maxSnapshots = MaintenanceSettings.DEFAULT_MAX_SNAPSHOTS;
    int bronzeRetentionDays = (int) MaintenanceSettings.DEFAULT_BRONZE_RETENTION.toDays();
    int days = 7;
    List<String> coins = List.of();
    boolean gaps;
    Instant from;
    Instant to;

    /** One option with its value (null when the command line ended): unknown ones first. */
    void set(String option, String value) {
      Consumer<String> setter =
          switch (option) {
            case "--source" -> v -> source = SourceSpec.parse(v);
            case "--coingecko-url" -> v -> coingeckoUrl = v.replaceAll("/+$", "");
            case "--interval" -> v -> interval = positive(option, v);
            case "--duration" -> v -> duration = Duration.ofSeconds(positive(option, v));
            case "--data-dir" -> v -> dataDir = Path.of(v);
            case "--format" -> v -> format = OutputFormat.parse(v);
            case "--refresh" -> v -> refresh = positive(option, v);
            case "--kafka-port" -> v -> kafkaPort = port(option, v);
            case "--s3-port" -> v -> s3Port = port(option, v);
            case "--metastore-port" -> v -> metastorePort = port(option, v);
            case "--producer-port" -> v -> producerPort = port(option, v);
            case "--dashboard-port" -> v -> dashboardPort = port(option, v);
            case "--coin" -> v -> coin = v;
            case "--as-of" -> v -> asOf = instant(option, v);
            case "--simulated" -> v -> simulated = bool(option, v);
            case "--maintenance-interval" ->
                v -> maintenanceInterval = Duration.ofSeconds(nonNegative(option, v));
            case "--snapshot-retention-hours" -> v -> snapshotRetentionHours = positive(option, v);
            case "--max-snapshots" -> v -> maxSnapshots = positive(option, v);
            case "--bronze-retention-days" -> v -> bronzeRetentionDays = nonNegative(option, v);
            case "--days" -> v -> days = positive(option, v);
            case "--from" -> v -> from = dateOrInstant(option, v);
            case "--to" -> v -> to = dateOrInstant(option, v);
            case "--coins" ->
                v ->
                    coins =
                        java.util.Arrays.stream(v.split(","))
                            .map(String::strip)
                            .filter(c -> !c.isEmpty())
                            .toList();
            default -> throw new UsageError("unknown option " + option + "; try --help");
          };
      if (value == null) {
        throw new UsageError(option + " needs a value");
      }
      setter.accept(value);
    }

    Options build() {
      if ((gaps || from != null || to != null) && command != Command.BACKFILL) {
        throw new UsageError("--gaps, --from and --to go with backfill; try --help");
      }
      if (from != null && to != null && !from.isBefore(to)) {
        throw new UsageError("--from " + from + " is not before --to " + to);
      }
      // Checked here, not when the first scheduled run builds its settings half an hour in.
      if (maxSnapshots < MaintenanceSettings.DEFAULT_RETAIN_LAST) {
        throw new UsageError(
            "--max-snapshots must be at least "
                + MaintenanceSettings.DEFAULT_RETAIN_LAST
                + " (the snapshots maintenance always keeps), was "
                + maxSnapshots);
      }
      if (!arguments.isEmpty() && command != Command.SQL && command != Command.QUERY) {
        throw new UsageError("unexpected argument '" + arguments.get(0) + "'; try --help");
      }
      return new Options(
          command,
          List.copyOf(arguments),
          source,
          coingeckoUrl,
          interval,
          duration,
          dataDir.toAbsolutePath().normalize(),
          reset,
          format == null ? OutputFormat.TABLE : format,
          refresh,
          new LocalPorts(kafkaPort, s3Port, metastorePort, producerPort, dashboardPort),
          coin,
          asOf,
          simulated,
          maintenanceInterval,
          snapshotRetentionHours,
          maxSnapshots,
          bronzeRetentionDays,
          days,
          coins,
          gaps,
          from,
          to);
    }

    private static int positive(String option, String value) {
      return OptionValues.positiveInt(option, value);
    }

    private static int nonNegative(String option, String value) {
      try {
        int parsed = Integer.parseInt(value);
        if (parsed >= 0) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new UsageError(option + " must be a whole number >= 0, was '" + value + "'");
    }

    private static int port(String option, String value) {
      try {
        int parsed = Integer.parseInt(value);
        if (parsed > 0 && parsed < 65536) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new UsageError(option + " must be a port number (1-65535), was '" + value + "'");
    }

    private static Instant instant(String option, String value) {
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw new UsageError(
            option + " must be an ISO-8601 instant like 2026-01-31T12:00:00Z, was '" + value + "'");
      }
    }

    private static Instant dateOrInstant(String option, String value) {
      try {
        return value.contains("T")
            ? Instant.parse(value)
            : java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        throw new UsageError(
            option
                + " must be a date like 2026-01-31 or an instant like 2026-01-31T12:00:00Z, was '"
                + value
                + "'");
      }
    }

    private static boolean bool(String option, String value) {
      return switch (value) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new UsageError(option + " must be true or false, was '" + value + "'");
      };
    }
  }
}
