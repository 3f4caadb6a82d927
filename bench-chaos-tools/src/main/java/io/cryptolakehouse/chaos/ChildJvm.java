package io.cryptolakehouse.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Java process on this JVM's classpath and module opens (what Spark needs), logging to its own
 * file. The fault-injection suite runs every server and job this way so it can kill one with
 * SIGKILL — a hard stop, no shutdown hooks — and start it again on the same data.
 */
final class ChildJvm {

  private final String name;
  private final List<String> command;
  private final Map<String, String> env;
  private final Path output;
  private Process process;

  ChildJvm(
      String name,
      String heap,
      Map<String, String> properties,
      String mainClass,
      List<String> args,
      Map<String, String> env,
      Path logs) {
    this.name = name;
    this.env = Map.copyOf(env);
    this.output = logs.resolve(name + ".out");
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-Xmx" + heap);
    // Restarted over and over on two cores beside everything else: the quick C1 compiler only, and
    // one GC thread, start a JVM in a fraction of the CPU time (the data here is small).
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.addAll(inheritedOptions());
    cmd.add("-Dlakehouse.log.file=" + logs.resolve(name + ".log"));
    cmd.add("-Dderby.stream.error.file=" + logs.resolve("derby.log"));
    properties.forEach((key, value) -> cmd.add("-D" + key + "=" + value));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    this.command = List.copyOf(cmd);
  }

  /**
   * Spark's --add-opens and friends, as this JVM got them (run-local.sh or Maven's argLine), and
   * run-local.sh's class-data archive: a child on the same class path starts from it too.
   */
  private static List<String> inheritedOptions() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(
            a ->
                a.startsWith("--add-opens")
                    || a.startsWith("--add-exports")
                    || a.startsWith("-XX:SharedArchiveFile=")
                    || a.startsWith("-Xlog:cds"))
        .toList();
  }

  String name() {
    return name;
  }

  synchronized void start() {
    try {
      Files.createDirectories(output.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
      builder.environment().putAll(env);
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name, e);
    }
  }

  synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  /** SIGKILL, and wait until the process is gone. */
  void kill() throws InterruptedException {
    Process p;
    synchronized (this) {
      p = process;
    }
    if (p != null && p.isAlive()) {
      p.destroyForcibly();
      p.waitFor();
    }
  }

  /** SIGTERM (shutdown hooks run), then SIGKILL after {@code graceSeconds}. */
  void stop(int graceSeconds) throws InterruptedException {
    Process p;
    synchronized (this) {
      p = process;
    }
    if (p != null && p.isAlive()) {
      p.destroy();
      if (!p.waitFor(graceSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
  }

  /** Waits for the current process to end; its exit code. */
  int waitFor() throws InterruptedException {
    Process p;
    synchronized (this) {
      p = process;
    }
    return p == null ? -1 : p.waitFor();
  }
}
