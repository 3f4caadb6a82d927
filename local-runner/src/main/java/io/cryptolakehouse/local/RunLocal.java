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

  private static int run(CommandLine command, Terminal terminal) {
    if (command instanceof CommandLine.Help) {
      terminal.line(Help.TEXT);
      return 0;
    }
    Path home = Launcher.home();
    Path logs = command.dataDir().resolve("logs");
    String logName =
        command instanceof CommandLine.Run
            ? "pipeline"
            : command instanceof CommandLine.Maintain
                ? "maintenance"
                : command instanceof CommandLine.Backfill ? "backfill-run" : "sql";
    System.setProperty("lakehouse.log.file", logs.resolve(logName + ".log").toString());
    System.setProperty("derby.stream.error.file", logs.resolve("derby.log").toString());
    try {
      Files.createDirectories(logs);
      return dispatch(command, terminal, home);
    } catch (UsageError e) {
      throw e;
    } catch (Exception e) {
      org.slf4j.LoggerFactory.getLogger(RunLocal.class).error("run-local failed", e);
      terminal.note(
          "run-local: " + firstLine(e) + " (details in " + logs.resolve(logName + ".log") + ")");
      return 1;
    }
  }

  /** The one place a command meets the class that runs it. */
  private static int dispatch(CommandLine command, Terminal terminal, Path home) throws Exception {
    SqlCommand sql = new SqlCommand(command.common(), terminal, home.resolve("queries"));
    if (command instanceof CommandLine.Run run) {
      return new LocalPipeline(run, terminal, Launcher.producerJar(), Launcher.dashboardJar())
          .run();
    } else if (command instanceof CommandLine.Sql statement) {
      return sql.sql(statement);
    } else if (command instanceof CommandLine.Query query) {
      return sql.query(query);
    } else if (command instanceof CommandLine.Status status) {
      return new StatusCommand(status, terminal).run();
    } else if (command instanceof CommandLine.Maintain maintain) {
      return new MaintenanceCommand(maintain, terminal).run();
    } else if (command instanceof CommandLine.Backfill backfill) {
      return new BackfillCommand(backfill, terminal, Launcher.producerJar()).run();
    }
    throw new IllegalStateException("no runner for " + command);
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
