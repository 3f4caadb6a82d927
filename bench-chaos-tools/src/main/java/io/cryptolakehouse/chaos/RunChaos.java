package io.cryptolakehouse.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptolakehouse.local.support.DirectoryTrees;
import io.cryptolakehouse.local.support.Launcher;
import io.cryptolakehouse.local.support.UsageError;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Entry point of {@code ./run-chaos.sh} (the same launcher as {@code ./run-local.sh}): prints what
 * happened, then one JSON line; exit 0 when every invariant held, 1 when one did not (or the run
 * broke), 2 for a usage error.
 */
public final class RunChaos {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MARKER = ".run-chaos";

  private RunChaos() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), Launcher.producerJar(), System.out, System.err));
  }

  public static int run(List<String> args, Path producerJar, PrintStream out, PrintStream err) {
    ChaosOptions options;
    try {
      options = ChaosOptions.parse(args);
    } catch (UsageError e) {
      err.println("run-chaos: " + e.getMessage());
      return 2;
    }
    if (options.help()) {
      out.print(ChaosOptions.USAGE);
      return 0;
    }
    Path logs = options.dataDir().resolve("logs");
    try {
      prepare(options.dataDir());
    } catch (UsageError e) {
      err.println("run-chaos: " + e.getMessage());
      return 2;
    }
    // Before the first logger: every process logs to its own file in DIR/logs.
    System.setProperty("lakehouse.log.file", logs.resolve("chaos.log").toString());
    System.setProperty("derby.stream.error.file", logs.resolve("derby.log").toString());
    out.printf(
        "run-chaos: %s, %d iteration(s), seed %d, data and logs in %s%n",
        options.scenario(), options.iterations(), options.seed(), options.dataDir());
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("scenario", options.scenario());
    report.put("iterations", options.iterations());
    report.put("seed", options.seed());
    // Stopped from outside (Ctrl-C, a test's timeout): no server or job may outlive the run.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly),
                "run-chaos-cleanup"));
    boolean ok;
    try {
      ChaosRun.Outcome outcome = new ChaosRun(options, producerJar).run();
      ChaosRun.describe(outcome.faults()).forEach(out::println);
      ok = outcome.ok();
      report.putAll(ChaosReport.of(outcome));
      outcome.invariants().violations().forEach(v -> out.println("VIOLATED: " + v));
      outcome.scenarioChecks().violations().forEach(v -> out.println("VIOLATED: " + v));
    } catch (Exception e) {
      org.slf4j.LoggerFactory.getLogger(RunChaos.class).error("run-chaos failed", e);
      out.println("run-chaos: the run broke: " + e + " (details in " + logs + ")");
      report.put("error", e.toString());
      ok = false;
    }
    report.put("ok", ok);
    try {
      out.println(JSON.writeValueAsString(report));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return ok ? 0 : 1;
  }

  /** A fresh data dir each run: the invariants count from the first message. */
  private static void prepare(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> entries = Files.list(dir)) {
          if (entries.findAny().isPresent() && !Files.exists(dir.resolve(MARKER))) {
            throw new UsageError(
                dir + " is not empty and was not made by run-chaos; use another --data-dir");
          }
        }
        DirectoryTrees.delete(dir);
      }
      Files.createDirectories(dir.resolve("logs"));
      Files.writeString(dir.resolve(MARKER), "wiped by every ./run-chaos.sh run\n");
    } catch (IOException e) {
      throw new UsageError("cannot prepare " + dir + ": " + e.getMessage());
    }
  }

  static double seconds(Duration d) {
    return d == null ? Double.NaN : Math.round(d.toMillis() / 100.0) / 10.0;
  }
}
