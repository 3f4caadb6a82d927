package io.cryptolakehouse.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kafka's own {@code kafka-consumer-perf-test} ({@code ConsumerPerformance} from kafka-tools)
 * reading a whole topic in its own JVM: how fast a plain consumer can take the records off this
 * broker on this machine, the ceiling Bronze is measured against.
 */
final class KafkaCeiling {

  /**
   * Its figures: MB and records read, over the whole run (including joining the group) and over the
   * fetch time alone.
   */
  record Read(
      double megabytes, long records, double recordsPerSecond, double fetchRecordsPerSecond) {}

  private KafkaCeiling() {}

  static Read measure(String bootstrap, String topic, long records, Path log)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("org.apache.kafka.tools.ConsumerPerformance");
    command.addAll(
        List.of(
            "--bootstrap-server",
            bootstrap,
            "--topic",
            topic,
            "--messages",
            Long.toString(records),
            "--timeout",
            "60000",
            "--group",
            "bench-ceiling-" + System.nanoTime()));
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("ConsumerPerformance failed; its output is in " + log);
    }
    return parse(Files.readAllLines(log, StandardCharsets.UTF_8), log);
  }

  /**
   * The figures line after the header {@code start.time, end.time, data.consumed.in.MB, MB.sec,
   * data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec,
   * fetch.nMsg.sec}.
   */
  static Read parse(List<String> lines, Object where) {
    for (int i = 0; i < lines.size() - 1; i++) {
      if (lines.get(i).startsWith("start.time")) {
        String[] f = lines.get(i + 1).split(",\\s*");
        if (f.length >= 10) {
          double whole = Double.parseDouble(f[5]);
          double fetch = Double.parseDouble(f[9]);
          // Its fetch time is the run minus the group join, and comes out negative when the join
          // is counted longer than the run: then the whole run's rate is the honest figure.
          return new Read(
              Double.parseDouble(f[2]), Long.parseLong(f[4]), whole, fetch > 0 ? fetch : whole);
        }
      }
    }
    throw new IllegalStateException("No ConsumerPerformance figures in " + where);
  }
}
