package io.cryptolakehouse.producer.backfill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The hours to repair, one range per line: {@code coin,from,to} with ISO instants ({@code to}
 * exclusive); blank lines and {@code #} comments ignored. Written by {@code ./run-local.sh backfill
 * --gaps} from Silver; any tool can write one.
 */
final class GapsFile {

  private GapsFile() {}

  static List<Chunk> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the gaps file " + file, e);
    }
    List<Chunk> gaps = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(",");
      try {
        if (parts.length != 3 || parts[0].isBlank()) {
          throw new IllegalArgumentException("expected coin,from,to");
        }
        gaps.add(
            new Chunk(
                parts[0].strip(),
                Instant.parse(parts[1].strip()),
                Instant.parse(parts[2].strip())));
        if (!gaps.get(gaps.size() - 1).from().isBefore(gaps.get(gaps.size() - 1).to())) {
          throw new IllegalArgumentException("from is not before to");
        }
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw new IllegalArgumentException(
            "crypto.backfill.gaps-file (BACKFILL_GAPS_FILE) "
                + file
                + " line "
                + (i + 1)
                + ": "
                + e.getMessage()
                + " in '"
                + line
                + "'");
      }
    }
    return gaps;
  }
}
