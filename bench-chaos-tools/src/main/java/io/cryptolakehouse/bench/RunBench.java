package io.cryptolakehouse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cryptolakehouse.local.support.DirectoryTrees;
import io.cryptolakehouse.local.support.Launcher;
import io.cryptolakehouse.local.support.UsageError;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Entry point of {@code ./run-bench.sh} (the same launcher as {@code ./run-local.sh}): runs one
 * scenario, prints its table and one JSON line, writes {@code <results>/<scenario>.json}. Exit 0
 * when the run completed and its own checks held (e.g. Bronze rows = messages), 1 otherwise, 2 for
 * a usage error.
 */
public final class RunBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MARKER = ".run-bench";

  private RunBench() {}

  public static void main(String[] args) {
    System.exit(
        run(List.of(args), Launcher.home(), Launcher.producerJar(), System.out, System.err));
  }

  public static int run(
      List<String> args, Path home, Path producerJar, PrintStream out, PrintStream err) {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
      if (!options.help()) {
        prepare(options);
      }
    } catch (UsageError e) {
      err.println("run-bench: " + e.getMessage());
      return 2;
    }
    if (options.help()) {
      out.print(BenchOptions.USAGE);
      return 0;
    }
    Path logs = options.dataDir().resolve("logs");
    // Before the first logger: the servers' and Spark's logs go to a file, not the table.
    System.setProperty("lakehouse.log.file", logs.resolve("bench.log").toString());
    System.setProperty("derby.stream.error.file", logs.resolve("derby.log").toString());
    out.printf("run-bench: %s, data and logs in %s%n", options.scenario(), options.dataDir());
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("scenario", options.scenario());
    report.put("started", Instant.now().toString());
    report.put("machine", machine());
    Figures figures = new Figures();
    if (!options.jobSettings().isEmpty()) {
      figures.configure("job_settings", new TreeMap<>(options.jobSettings()));
    }
    boolean ok;
    long began = System.nanoTime();
    try {
      ok = runScenario(options, home, producerJar, figures);
      report.putAll(figures.json());
    } catch (Exception e) {
      org.slf4j.LoggerFactory.getLogger(RunBench.class).error("run-bench failed", e);
      out.println("run-bench: the run broke: " + e + " (details in " + logs + ")");
      report.putAll(figures.json());
      report.put("error", e.toString());
      ok = false;
    }
    report.put("elapsed_s", Math.round((System.nanoTime() - began) / 1e8) / 10.0);
    report.put("ok", ok);
    figures.table().forEach(out::println);
    try {
      Files.createDirectories(options.resultsDir());
      Path file = options.resultsDir().resolve(options.scenario() + ".json");
      JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
      out.println(JSON.writeValueAsString(report));
      out.println("run-bench: written to " + file);
    } catch (IOException e) {
      err.println("run-bench: cannot write the results: " + e.getMessage());
      return 1;
    }
    return ok ? 0 : 1;
  }

  private static boolean runScenario(
      BenchOptions options, Path home, Path producerJar, Figures figures) throws Exception {
    if (options.scenario().equals("freshness")) {
      return FreshnessBench.run(options, producerJar, figures);
    }
    if (options.scenario().equals("footprint")) {
      return FootprintBench.run(options, home, figures);
    }
    try (BenchLakehouse lakehouse = new BenchLakehouse(options.dataDir(), options.jobSettings())) {
      return switch (options.scenario()) {
        case "ingest" -> IngestBench.run(options, lakehouse, figures);
        case "scale" -> ScaleBench.run(options, lakehouse, figures);
        case "metadata" -> MetadataBench.run(options, lakehouse, figures);
        default -> LayersBench.run(options, lakehouse, figures);
      };
    }
  }

  /** Cores, memory and JVM: the figures mean little without them. */
  static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    m.put("runner_max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    try {
      Files.lines(Path.of("/proc/meminfo"))
          .filter(l -> l.startsWith("MemTotal:"))
          .findFirst()
          .ifPresent(l -> m.put("memory_mb", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024));
    } catch (IOException e) {
      // not Linux: no figure
    }
    return m;
  }

  /**
   * ingest and footprint start from nothing (a wiped data dir, only one run-bench ever made);
   * layers keeps the Bronze table ingest left.
   */
  private static void prepare(BenchOptions options) {
    Path dir = options.dataDir();
    boolean wipe = !options.scenario().equals("layers");
    try {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> entries = Files.list(dir)) {
          if (entries.findAny().isPresent() && !Files.exists(dir.resolve(MARKER))) {
            throw new UsageError(
                dir + " is not empty and was not made by run-bench; use another --data-dir");
          }
        }
        if (wipe) {
          DirectoryTrees.delete(dir);
        }
      }
      Files.createDirectories(dir.resolve("logs"));
      Files.writeString(
          dir.resolve(MARKER), "made by ./run-bench.sh; ingest and footprint wipe it\n");
    } catch (IOException e) {
      throw new UsageError("cannot prepare " + dir + ": " + e.getMessage());
    }
  }
}
