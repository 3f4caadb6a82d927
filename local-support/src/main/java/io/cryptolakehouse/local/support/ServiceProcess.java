package io.cryptolakehouse.local.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Spring Boot service (the producer, the dashboard) as a child process: the same jar and
 * environment variables as in Compose. Its own JVM because Spring Boot 4 (Jackson 3) and Spark
 * (Jackson 2) do not share a classpath. The child inherits this process's environment, so {@code
 * COINGECKO_API_KEY}, {@code CRYPTO_IDS} and the other settings are honoured; the runner overrides
 * only where it must.
 */
public final class ServiceProcess {

  public static final String LOOPBACK = "127.0.0.1";

  /** Where the producer and the dashboard find the broker (their environment, as in Compose). */
  public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";

  private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
  public static final Duration GRACE = Duration.ofSeconds(45);

  private final String name;
  private final List<String> command;
  private final Map<String, String> env;
  private final Path logFile;
  private Process process;
  private boolean stopped;

  /** The producer. */
  public ServiceProcess(Path jar, Map<String, String> env, Path logFile) {
    this("producer", jar, env, logFile);
  }

  public ServiceProcess(String name, Path jar, Map<String, String> env, Path logFile) {
    if (!Files.isRegularFile(jar)) {
      throw new UsageError(name + " jar " + jar + " is missing; run ./run-local.sh to build it");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    this.name = name;
    this.command = new ArrayList<>(List.of(java, "-Xmx384m", "-jar", jar.toString()));
    this.env = Map.copyOf(env);
    this.logFile = logFile;
  }

  public synchronized void start() {
    try {
      Files.createDirectories(logFile.getParent());
      // The service writes its own rotated log file; what reaches the console before logging
      // starts (a JVM that cannot start) lands beside it, in the .out file.
      Path consoleFile = logFile.resolveSibling(logFile.getFileName() + ".out");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleFile.toFile()));
      builder.environment().put("LOGGING_FILE_NAME", logFile.toString());
      builder.environment().put("LOGGING_CONSOLE_ENABLED", "false");
      builder.environment().put("LOGGING_LOGBACK_ROLLINGPOLICY_MAX_FILE_SIZE", "20MB");
      builder.environment().put("LOGGING_LOGBACK_ROLLINGPOLICY_MAX_HISTORY", "5");
      builder.environment().put("LOGGING_LOGBACK_ROLLINGPOLICY_TOTAL_SIZE_CAP", "100MB");
      // A local run is for this machine: Spring Boot would bind every interface, exposing the
      // dashboard's API, the SSE stream and the actuator's details to the network.
      builder.environment().put("SERVER_ADDRESS", LOOPBACK);
      builder.environment().putAll(env);
      process = builder.start();
      stopped = false;
      log.info("{} started (pid {}), log {}", name, process.pid(), logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the " + name, e);
    }
  }

  public synchronized Long pid() {
    return process == null ? null : process.pid();
  }

  /**
   * Starts the process and waits for it to end by itself (a backfill); a stop request (Ctrl-C)
   * stops it cleanly. {@code started} learns its pid. Returns its exit code, or 130 when stopped.
   */
  public int runToEnd(StopRequest stop, java.util.function.LongConsumer started)
      throws InterruptedException {
    start();
    started.accept(pid());
    while (alive()) {
      if (stop.await(500)) {
        stop();
        return 130;
      }
    }
    return process.exitValue();
  }

  public synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  public synchronized String describe() {
    if (process == null) {
      return "not started";
    }
    if (process.isAlive()) {
      return "running (pid " + process.pid() + ", log logs/" + logFile.getFileName() + ")";
    }
    return stopped
        ? "stopped"
        : "exited with " + process.exitValue() + " (see logs/" + logFile.getFileName() + ")";
  }

  /** SIGTERM (Boot finishes in-flight publishes), then a hard kill after a grace period. */
  public synchronized void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    stopped = true;
    process.destroy();
    try {
      if (!process.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS)) {
        log.warn("The {} did not stop within {}; killing it", name, GRACE);
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    log.info("The {} stopped with exit code {}", name, process.exitValue());
  }

  /** A stop the user asked for (Ctrl-C): {@code await} answers whether it came within the time. */
  public interface StopRequest {
    boolean await(long millis) throws InterruptedException;
  }
}
