package io.cryptolakehouse.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code run-local.sh} (the build is the one Maven just made, so the script is told
 * not to rebuild) and captures what it prints.
 */
final class RunLocalCli implements AutoCloseable {

  static final Path SCRIPT = Path.of("..", "run-local.sh").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dataDir;
  private final Path work;
  private final List<String> portOptions;
  private final int dashboardPort = freePort();
  private final List<Process> started = new ArrayList<>();
  private final java.util.Map<String, String> environment = new java.util.HashMap<>();

  RunLocalCli(Path dataDir) {
    this.dataDir = dataDir;
    this.work = dataDir.resolveSibling(dataDir.getFileName() + "-cli");
    this.portOptions =
        List.of(
            "--kafka-port",
            String.valueOf(freePort()),
            "--s3-port",
            String.valueOf(freePort()),
            "--metastore-port",
            String.valueOf(freePort()),
            "--producer-port",
            String.valueOf(freePort()),
            "--dashboard-port",
            String.valueOf(dashboardPort));
  }

  /** Extra environment variables for every invocation (the producer reads its settings there). */
  java.util.Map<String, String> environment() {
    return environment;
  }

  Path dataDirPath() {
    return dataDir;
  }

  /** What one invocation printed, and how it exited. */
  record Result(int exitCode, List<String> stdout, String stderr) {
    /** The stdout lines parsed as JSON objects (for --format jsonl). */
    List<JsonNode> json() {
      List<JsonNode> nodes = new ArrayList<>();
      for (String line : stdout) {
        try {
          nodes.add(JSON.readTree(line));
        } catch (IOException e) {
          throw new AssertionError("not a JSON line: " + line + "\nstderr:\n" + stderr, e);
        }
      }
      return nodes;
    }

    /** The single JSON row a scalar query printed. */
    JsonNode row() {
      List<JsonNode> rows = json();
      assertThat(rows).as("rows printed; stderr:\n%s", stderr).hasSize(1);
      return rows.get(0);
    }
  }

  /** Where the pipeline's dashboard listens. */
  String dashboardUrl() {
    return "http://localhost:" + dashboardPort;
  }

  /** Runs the pipeline with the given options (plus this CLI's data dir and free ports). */
  Process startPipeline(String name, String... options) throws IOException {
    List<String> args = new ArrayList<>(List.of(options));
    args.addAll(portOptions);
    return start(args, name);
  }

  Result finish(Process process, long timeoutSeconds, String name) throws Exception {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(name + " did not finish within " + timeoutSeconds + " s");
    }
    return new Result(
        process.exitValue(),
        Files.readAllLines(work.resolve(name + ".out")),
        Files.readString(work.resolve(name + ".err")));
  }

  /**
   * The {@code kafka_published} of the newest status line a running {@code --format jsonl}
   * invocation printed, or -1 before its first complete line.
   */
  long lastPublished(String name) {
    try {
      List<String> lines = Files.readAllLines(work.resolve(name + ".out"));
      for (int i = lines.size() - 1; i >= 0; i--) {
        JsonNode published = JSON.readTree(lines.get(i)).get("kafka_published");
        if (published != null) {
          return published.asLong();
        }
      }
    } catch (IOException lineBeingWritten) {
      // the last line is incomplete: read again at the next poll
    }
    return -1;
  }

  /** Runs {@code ./run-local.sh <args…>} to completion. */
  Result run(String name, String... args) throws Exception {
    return finish(start(List.of(args), name), 300, name);
  }

  /** Starts {@code ./run-local.sh <args…>} without waiting (no port options: not a pipeline). */
  Process start(String name, String... args) throws IOException {
    return start(List.of(args), name);
  }

  private Process start(List<String> args, String name) throws IOException {
    Files.createDirectories(work);
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    // A subcommand must stay first.
    command.addAll(args);
    command.addAll(List.of("--data-dir", dataDir.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(work.resolve(name + ".out").toFile())
            .redirectError(work.resolve(name + ".err").toFile());
    builder.environment().put("RUN_LOCAL_SKIP_BUILD", "1");
    builder.environment().put("RUN_LOCAL_JAVA_OPTS", "-Xmx2g");
    builder.environment().putAll(environment);
    Process process = builder.start();
    started.add(process);
    return process;
  }

  /** A failed test must not leave a pipeline running: SIGTERM (a clean stop), then a kill. */
  @Override
  public void close() throws InterruptedException {
    for (Process p : started) {
      if (p.isAlive()) {
        p.destroy();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor();
        }
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
