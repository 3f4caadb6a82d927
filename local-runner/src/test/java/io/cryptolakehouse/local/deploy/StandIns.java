package io.cryptolakehouse.local.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stand-in images (docker/stand-ins/): built, or found current, by their script, which prints
 * the {@code *_IMAGE} settings that point the compose file at them.
 */
final class StandIns {

  private StandIns() {}

  static Map<String, String> images(Path log) throws Exception {
    Path out = Files.createTempFile("stand-ins", ".env");
    try {
      int status =
          DockerHost.run(
              List.of("bash", "-c", "docker/stand-ins/build.sh > '" + out + "' 2>> '" + log + "'"),
              Map.of(),
              DockerHost.ROOT,
              null,
              1800);
      if (status != 0) {
        throw new IllegalStateException(
            "docker/stand-ins/build.sh failed (" + status + "); see " + log);
      }
      Map<String, String> images = new LinkedHashMap<>();
      for (String line : Files.readAllLines(out)) {
        int eq = line.indexOf('=');
        if (eq > 0 && line.substring(0, eq).endsWith("_IMAGE")) {
          images.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      return images;
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
