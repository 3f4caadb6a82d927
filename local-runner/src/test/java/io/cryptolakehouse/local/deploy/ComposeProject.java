package io.cryptolakehouse.local.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.cryptolakehouse.local.support.DirectoryTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.testcontainers.DockerClientFactory;

/**
 * A copy of this repository's tree, as a user's checkout: {@code ./setup.sh} runs in it, writes its
 * own {@code .env} there, and Compose names the project after the directory, so the test never
 * touches the developer's own stack, volumes or {@code .env}.
 */
final class ComposeProject implements AutoCloseable {

  final Path dir;
  final Path log;
  final Map<String, String> env = new HashMap<>();
  private final String name;
  private final List<String> profiles = new ArrayList<>();

  ComposeProject(String name, Map<String, String> env) throws Exception {
    this.name = name;
    this.dir = Path.of("target", "compose-it", name).toAbsolutePath();
    this.log = Path.of("target", "compose-it", name + ".log").toAbsolutePath();
    this.env.putAll(env);
    this.env.put("COMPOSE_PROJECT_NAME", name);
    this.env.put("PATH", DockerHost.buildKitPath());
    DirectoryTrees.delete(dir);
    Files.createDirectories(dir);
    Files.deleteIfExists(log);
    // The files git knows (committed or not, never ignored ones): what a clone would hold.
    int status =
        DockerHost.run(
            List.of(
                "bash",
                "-c",
                "git ls-files -z -co --exclude-standard | xargs -0 tar -c | tar -x -C '"
                    + dir
                    + "'"),
            Map.of(),
            DockerHost.ROOT,
            log,
            300);
    if (status != 0) {
      throw new IllegalStateException("copying the tree failed; see " + log);
    }
  }

  /** {@code ./setup.sh ARGS}, its exit status (output in the log). */
  int setup(String... args) {
    List<String> command = new ArrayList<>(List.of("./setup.sh"));
    command.addAll(List.of(args));
    if (List.of(args).contains("--standalone")) {
      profiles.add("standalone");
    }
    return DockerHost.run(command, env, dir, log, 1500);
  }

  /** A Compose command on this project (Debian's docker-compose, or the plugin). */
  int compose(String... args) {
    List<String> command = new ArrayList<>(composeCommand());
    for (String profile : profiles) {
      command.addAll(List.of("--profile", profile));
    }
    command.addAll(List.of(args));
    return DockerHost.run(command, env, dir, log, 600);
  }

  /** The settings setup.sh wrote into the project's .env (secrets it generated among them). */
  Properties dotEnv() throws Exception {
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(dir.resolve(".env"))) {
      p.load(in);
    }
    return p;
  }

  String setupOutput() throws Exception {
    return Files.readString(log);
  }

  /**
   * Why {@code ./setup.sh} failed, for the assertion's message (CI shows that, not the log): its
   * own {@code setup:} lines, and the last lines of every container that exited with an error.
   */
  String failure() {
    StringBuilder why = new StringBuilder();
    try {
      Files.readAllLines(log).stream()
          .filter(l -> l.startsWith("setup: "))
          .forEach(l -> why.append('\n').append(l));
      for (Container c :
          docker()
              .listContainersCmd()
              .withShowAll(true)
              .withLabelFilter(Map.of("com.docker.compose.project", name))
              .withStatusFilter(List.of("exited"))
              .exec()) {
        Path tail = Files.createTempFile("compose-it-", ".log");
        DockerHost.run(List.of("docker", "logs", "--tail", "40", c.getId()), Map.of(), tail, 60);
        why.append("\n--- ").append(c.getNames()[0]).append(' ').append(c.getStatus()).append('\n');
        why.append(Files.readString(tail));
        Files.delete(tail);
      }
    } catch (Exception e) {
      why.append("\n(could not read more: ").append(e).append(')');
    }
    return why.toString();
  }

  /** The id of the one container of {@code service} in this project. */
  String container(String service) {
    List<Container> found =
        docker()
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(
                Map.of("com.docker.compose.project", name, "com.docker.compose.service", service))
            .exec();
    if (found.size() != 1) {
      throw new IllegalStateException(found.size() + " containers of " + service + " in " + name);
    }
    return found.get(0).getId();
  }

  static DockerClient docker() {
    return DockerClientFactory.instance().client();
  }

  private static List<String> composeCommand() {
    return DockerHost.run(List.of("docker", "compose", "version"), Map.of(), null, 30) == 0
        ? List.of("docker", "compose")
        : List.of("docker-compose");
  }

  /**
   * Keeps the services' last log lines in the project's log (what a failed run needs), then removes
   * the containers and the volumes (the network is the caller's).
   */
  @Override
  public void close() {
    compose("--profile", "standalone", "logs", "--no-color", "--tail", "300");
    compose("--profile", "standalone", "down", "-v", "--remove-orphans");
  }
}
