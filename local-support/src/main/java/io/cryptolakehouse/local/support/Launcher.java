package io.cryptolakehouse.local.support;

import java.nio.file.Path;

/**
 * Where the launcher scripts ({@code run-local.sh}, {@code run-bench.sh}, {@code run-chaos.sh}) say
 * the checkout and the services' jars are: system properties they set, with the build's own paths
 * when a command is started some other way (a test, an IDE).
 */
public final class Launcher {

  private Launcher() {}

  /** The checkout: {@code queries/}, {@code bench-results/} and the builds are found from it. */
  public static Path home() {
    return Path.of(System.getProperty("lakehouse.home", ".")).toAbsolutePath().normalize();
  }

  public static Path producerJar() {
    return jar("lakehouse.producer.jar", "producer-service");
  }

  public static Path dashboardJar() {
    return jar("lakehouse.dashboard.jar", "dashboard-service");
  }

  private static Path jar(String property, String module) {
    String jar = System.getProperty(property);
    return jar != null
        ? Path.of(jar)
        : home().resolve(module + "/target/" + module + "-0.1.0-SNAPSHOT.jar");
  }
}
