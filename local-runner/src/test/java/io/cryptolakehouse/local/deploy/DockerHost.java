package io.cryptolakehouse.local.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker engine the Compose tests run on, and commands run against it. Without an engine the
 * tests are skipped, unless {@code COMPOSE_IT=required} (as .ci/run sets it, having started one):
 * then they fail.
 */
final class DockerHost {

  private static final Random RANDOM = new Random();
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private DockerHost() {}

  /** Skips (or, where required, fails) the calling test when no engine answers. */
  static void require() {
    boolean available = DockerClientFactory.instance().isDockerAvailable();
    if ("required".equals(System.getenv("COMPOSE_IT"))) {
      if (!available) {
        throw new IllegalStateException("COMPOSE_IT=required, but no Docker engine answers");
      }
      return;
    }
    assumeTrue(available, "no Docker engine (set COMPOSE_IT=required to fail instead)");
  }

  /** Like {@link #require()}, for a command the test needs besides the engine. */
  static void requireTool(String tool, String why) {
    boolean found = run(List.of("bash", "-c", "command -v " + tool), Map.of(), null, 30) == 0;
    if ("required".equals(System.getenv("COMPOSE_IT")) && !found) {
      throw new IllegalStateException(tool + " is missing: " + why);
    }
    assumeTrue(found, tool + " is missing: " + why);
  }

  /**
   * A PATH whose docker CLI can build with BuildKit. Docker's CLI from 23 on builds only through
   * its buildx plugin; where it lacks that and Debian's 20.10 CLI is installed, that one goes
   * first.
   */
  static String buildKitPath() {
    String path = System.getenv("PATH");
    if (run(List.of("docker", "buildx", "version"), Map.of(), null, 30) == 0) {
      return path;
    }
    return Files.isExecutable(Path.of("/usr/bin/docker"))
        ? "/usr/bin" + File.pathSeparator + path
        : path;
  }

  /** Runs a command to its end; its output goes to {@code log} (appended), or is discarded. */
  static int run(List<String> command, Map<String, String> env, Path log, long timeoutSeconds) {
    return run(command, env, null, log, timeoutSeconds);
  }

  static int run(
      List<String> command, Map<String, String> env, Path dir, Path log, long timeoutSeconds) {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
    pb.environment().putAll(env);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.redirectOutput(
        log == null
            ? ProcessBuilder.Redirect.DISCARD
            : ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command + " did not end within " + timeoutSeconds + " s");
      }
      return p.exitValue();
    } catch (IOException e) {
      return 127;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A port nothing listens on now and not handed out before in this run (the stack publishes there,
   * on 127.0.0.1). Below the kernel's ephemeral range (32768 up), which a port from {@code bind(0)}
   * is in: any outgoing connection, such as Docker's own proxies, may take such a port before the
   * container that should publish on it starts.
   */
  static int freePort() {
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = 20_000 + RANDOM.nextInt(12_000);
      if (HANDED_OUT.contains(port)) {
        continue;
      }
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress(port));
      } catch (IOException inUse) {
        continue;
      }
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port between 20000 and 32000");
  }
}
