package io.cryptolakehouse.local;

import io.cryptolakehouse.local.support.Launcher;
import io.cryptolakehouse.local.support.UsageError;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point of {@code ./run-local.sh}. Any problem the user can fix ends as one line on stderr
 * and exit code 2; anything else as one line pointing at the log and exit code 1.
 *
 * <p>No static logger here: the log file's location depends on {@code --data-dir}, so logging must
 * not start before the options are read.
 */
public final class RunLocal {

  private RunLocal() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals(ClassArchiveTraining.COMMAND)) {
      System.exit(ClassArchiveTraining.run());
    }
    Terminal terminal = new Terminal(System.out, System.err, System.console() != null);
    int code;
    try {
      code = run(Options.parse(args), terminal);
    } catch (UsageError e) {
      terminal.note("run-local: " + e.getMessage());
      code = 2;
    }
    System.exit(code);
  }

  private static int run(Options options, Terminal terminal) {
    if (options.command() == Options.Command.HELP) {
      terminal.line(Help.TEXT);
      return 0;
    }
    Path home = Launcher.home();
    Path logs = options.dataDir().resolve("logs");
    String logName =
        switch (options.command()) {
          case RUN -> "pipeline";
          case MAINTENANCE -> "maintenance";
          case BACKFILL -> "backfill-run";
          default -> "sql";
        };
    System.setProperty("lakehouse.log.file", logs.resolve(logName + ".log").toString());
    System.setProperty("derby.stream.error.file", logs.resolve("derby.log").toString());
    try {
      Files.createDirectories(logs);
      return switch (options.command()) {
        case RUN ->
            new LocalPipeline(options, terminal, Launcher.producerJar(), Launcher.dashboardJar())
                .run();
        case SQL -> new SqlCommand(options, terminal, home.resolve("queries")).sql();
        case QUERY -> new SqlCommand(options, terminal, home.resolve("queries")).query();
        case STATUS -> new StatusCommand(options, terminal).run();
        case MAINTENANCE -> new MaintenanceCommand(options, terminal).run();
        case BACKFILL -> new BackfillCommand(options, terminal, Launcher.producerJar()).run();
        case HELP -> 0;
      };
    } catch (UsageError e) {
      throw e;
    } catch (Exception e) {
      org.slf4j.LoggerFactory.getLogger(RunLocal.class).error("run-local failed", e);
      terminal.note(
          "run-local: " + firstLine(e) + " (details in " + logs.resolve(logName + ".log") + ")");
      return 1;
    }
  }

  private static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getMessage() == null) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.toString() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
