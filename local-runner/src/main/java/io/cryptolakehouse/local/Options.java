package io.cryptolakehouse.local;

import io.cryptolakehouse.local.support.OptionValues;
import io.cryptolakehouse.local.support.UsageError;
import io.cryptolakehouse.maintenance.MaintenanceSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Parses {@code run-local.sh}'s command line into one {@link CommandLine} record, validated: a bad
 * value, or an option the command does not take, fails before anything starts, with a message
 * naming the option. The option names are a contract (other tooling calls them).
 */
final class Options {

  enum Command {
    RUN,
    SQL,
    QUERY,
    STATUS,
    MAINTENANCE,
    BACKFILL,
    HELP
  }

  private static final Set<Command> ALL = EnumSet.allOf(Command.class);
  private static final Set<Command> SOURCED = EnumSet.of(Command.RUN, Command.BACKFILL);
  private static final Set<Command> MAINTAINED = EnumSet.of(Command.RUN, Command.MAINTENANCE);

  private Options() {}

  static CommandLine parse(String[] args) {
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
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      p.command = Command.HELP;
      return p.build();
    }
    for (; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        p.arguments.add(arg);
      } else if (arg.equals("--reset")) {
        p.accept(arg, EnumSet.of(Command.RUN));
        p.reset = true;
      } else if (arg.equals("--gaps")) {
        p.accept(arg, EnumSet.of(Command.BACKFILL));
        p.gaps = true;
      } else {
        p.set(arg, i + 1 < args.length ? args[++i] : null);
      }
    }
    return p.build();
  }

  private static String name(Command command) {
    return command.name().toLowerCase(Locale.ROOT);
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
      Set<Command> takes =
          switch (option) {
            case "--data-dir", "--format" -> ALL;
            case "--source", "--coingecko-url" -> SOURCED;
            case "--kafka-port",
                "--s3-port",
                "--metastore-port",
                "--producer-port",
                "--dashboard-port" ->
                SOURCED;
            case "--interval", "--duration", "--refresh", "--maintenance-interval" ->
                EnumSet.of(Command.RUN);
            case "--snapshot-retention-hours", "--max-snapshots", "--bronze-retention-days" ->
                MAINTAINED;
            case "--days", "--from", "--to", "--coins" -> EnumSet.of(Command.BACKFILL);
            case "--coin", "--as-of", "--simulated" -> EnumSet.of(Command.QUERY);
            default -> throw new UsageError("unknown option " + option + "; try --help");
          };
      accept(option, takes);
      if (value == null) {
        throw new UsageError(option + " needs a value");
      }
      switch (option) {
        case "--source" -> source = SourceSpec.parse(value);
        case "--coingecko-url" -> coingeckoUrl = value.replaceAll("/+$", "");
        case "--interval" -> interval = positive(option, value);
        case "--duration" -> duration = Duration.ofSeconds(positive(option, value));
        case "--data-dir" -> dataDir = Path.of(value);
        case "--format" -> format = OutputFormat.parse(value);
        case "--refresh" -> refresh = positive(option, value);
        case "--kafka-port" -> kafkaPort = port(option, value);
        case "--s3-port" -> s3Port = port(option, value);
        case "--metastore-port" -> metastorePort = port(option, value);
        case "--producer-port" -> producerPort = port(option, value);
        case "--dashboard-port" -> dashboardPort = port(option, value);
        case "--coin" -> coin = value;
        case "--as-of" -> asOf = instant(option, value);
        case "--simulated" -> simulated = bool(option, value);
        case "--maintenance-interval" ->
            maintenanceInterval = Duration.ofSeconds(nonNegative(option, value));
        case "--snapshot-retention-hours" -> snapshotRetentionHours = positive(option, value);
        case "--max-snapshots" -> maxSnapshots = positive(option, value);
        case "--bronze-retention-days" -> bronzeRetentionDays = nonNegative(option, value);
        case "--days" -> days = positive(option, value);
        case "--from" -> from = dateOrInstant(option, value);
        case "--to" -> to = dateOrInstant(option, value);
        case "--coins" ->
            coins =
                Arrays.stream(value.split(","))
                    .map(String::strip)
                    .filter(c -> !c.isEmpty())
                    .toList();
        default -> throw new IllegalStateException(option);
      }
    }

    /** An option the command does not take is a mistake to report, not to ignore. */
    void accept(String option, Set<Command> takes) {
      if (!takes.contains(command)) {
        throw new UsageError(
            option
                + " is not an option of "
                + name(command)
                + " (it goes with "
                + takes.stream().map(Options::name).collect(Collectors.joining(", "))
                + "); try --help");
      }
    }

    CommandLine build() {
      CommandLine.Common common =
          new CommandLine.Common(
              dataDir.toAbsolutePath().normalize(), format == null ? OutputFormat.TABLE : format);
      if (command == Command.HELP) {
        return new CommandLine.Help(common);
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
      LocalPorts ports =
          new LocalPorts(kafkaPort, s3Port, metastorePort, producerPort, dashboardPort);
      CommandLine.Retention retention =
          new CommandLine.Retention(
              maintenanceInterval, snapshotRetentionHours, maxSnapshots, bronzeRetentionDays);
      return switch (command) {
        case RUN ->
            new CommandLine.Run(
                common, source, coingeckoUrl, interval, duration, reset, refresh, ports, retention);
        case SQL -> new CommandLine.Sql(common, argument("\"SELECT ...\" [--format F]"));
        case QUERY ->
            new CommandLine.Query(
                common,
                argument("<name> [--coin ID] [--as-of INSTANT] [--simulated B]"),
                coin,
                asOf,
                simulated);
        case STATUS -> new CommandLine.Status(common);
        case MAINTENANCE -> new CommandLine.Maintain(common, retention);
        case BACKFILL ->
            new CommandLine.Backfill(
                common, source, coingeckoUrl, ports, days, coins, gaps, from, to);
        case HELP -> new CommandLine.Help(common);
      };
    }

    /** The positional argument of sql/query, required. */
    private String argument(String what) {
      if (arguments.size() != 1) {
        throw new UsageError("./run-local.sh " + name(command) + " " + what);
      }
      return arguments.get(0);
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
