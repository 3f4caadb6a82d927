package io.cryptolakehouse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptolakehouse.embedded.Ports;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code footprint}: {@code ./run-local.sh --source simulated} exactly as a user starts it, from a
 * wiped data dir: time to the first Gold hourly bar, then a steady period. Resident memory of the
 * runner and its child services (producer, dashboard) sampled every second from /proc, the runner's
 * heap from its GC log.
 */
final class FootprintBench {

  private static final Logger log = LoggerFactory.getLogger(FootprintBench.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String HEAP = "-Xmx3g"; // run-local.sh's default
  private static final Duration PATIENCE = Duration.ofMinutes(10);

  private FootprintBench() {}

  static boolean run(BenchOptions options, Path home, Figures figures) throws Exception {
    Path dir = options.dataDir().toAbsolutePath();
    Path gcLog = dir.resolve("gc-runner.log");
    List<String> command =
        new ArrayList<>(
            List.of(
                home.resolve("run-local.sh").toString(),
                "--source",
                "simulated",
                "--data-dir",
                dir.resolve("lakehouse").toString(),
                "--reset",
                "--format",
                "jsonl",
                "--refresh",
                "1",
                "--kafka-port",
                Integer.toString(Ports.free()),
                "--s3-port",
                Integer.toString(Ports.free()),
                "--metastore-port",
                Integer.toString(Ports.free()),
                "--producer-port",
                Integer.toString(Ports.free()),
                "--dashboard-port",
                Integer.toString(Ports.free())));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(dir.resolve("run-local.err").toFile());
    Map<String, String> env = builder.environment();
    env.put("RUN_LOCAL_SKIP_BUILD", "1");
    env.put("RUN_LOCAL_JAVA_OPTS", HEAP + " -Xlog:gc:file=" + gcLog);
    figures
        .configure("command", String.join(" ", command.subList(0, 8)) + " …")
        .configure("runner_heap", HEAP)
        .configure("steady_seconds", options.steadySeconds());
    long started = System.nanoTime();
    Process process = builder.start();
    long pid = process.pid();
    AtomicLong firstGoldNanos = new AtomicLong(-1);
    Thread reader = new Thread(() -> watch(process, firstGoldNanos), "footprint-status");
    reader.setDaemon(true);
    reader.start();
    long peakRunner = 0;
    long peakServices = 0;
    long peakTotal = 0;
    long totalAtFirstGold = -1;
    long until = Long.MAX_VALUE;
    try {
      while (process.isAlive() && System.nanoTime() < until) {
        long runner = ProcessMemory.rssMb(pid);
        long services = process.descendants().mapToLong(p -> ProcessMemory.rssMb(p.pid())).sum();
        peakRunner = Math.max(peakRunner, runner);
        peakServices = Math.max(peakServices, services);
        peakTotal = Math.max(peakTotal, runner + services);
        if (firstGoldNanos.get() > 0 && totalAtFirstGold < 0) {
          totalAtFirstGold = runner + services;
          until = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.steadySeconds());
        }
        if (firstGoldNanos.get() < 0 && System.nanoTime() - started > PATIENCE.toNanos()) {
          log.error("No Gold row within {}", PATIENCE);
          break;
        }
        Thread.sleep(1000);
      }
      figures.add("threads_runner_end", ProcessMemory.threads(pid), "");
    } finally {
      process.destroy(); // SIGTERM: run-local stops cleanly
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
      }
    }
    ProcessMemory.Heap heap = ProcessMemory.heap(Files.readAllLines(gcLog, StandardCharsets.UTF_8));
    boolean gold = firstGoldNanos.get() > 0;
    figures
        .add(
            "cold_start_to_first_gold",
            gold ? (firstGoldNanos.get() - started) / 1e9 : Double.NaN,
            "s",
            "wiped data dir, build present")
        .add("rss_total_peak", peakTotal, "MB", "runner + producer + dashboard")
        .add("rss_total_at_first_gold", totalAtFirstGold, "MB")
        .add("rss_runner_peak", peakRunner, "MB", "embedded servers + Spark + the three queries")
        .add("rss_services_peak", peakServices, "MB", "producer + dashboard JVMs, -Xmx384m each")
        .add("heap_runner_peak_used", heap.peakUsedMb(), "MB", "before a collection")
        .add("heap_runner_max_live", heap.maxLiveMb(), "MB", "after a collection")
        .add("heap_runner_committed", heap.committedMb(), "MB")
        .add("gc_runner_collections", heap.collections(), "");
    return gold;
  }

  /** Reads the status lines; notes when Gold first has an hourly bar. */
  private static void watch(Process process, AtomicLong firstGoldNanos) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (firstGoldNanos.get() < 0 && line.startsWith("{")) {
          JsonNode rows = JSON.readTree(line).path("rows");
          if (rows.path("gold.fact_crypto_hourly").asLong(0) > 0) {
            firstGoldNanos.set(System.nanoTime());
          }
        }
      }
    } catch (IOException e) {
      log.warn("Reading run-local's status failed", e);
    }
  }
}
