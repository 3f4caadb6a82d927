package io.cryptolakehouse.producer.backfill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which chunks of a backfill Kafka has acknowledged, so an interrupted backfill resumes where it
 * stopped. A text file: {@code plan <id> <from> <to>}, then one line per published chunk, appended
 * after Kafka's acknowledgement (a crash loses at most a line, and that chunk is fetched again —
 * Silver's coverage rule makes the repeat harmless). The file is deleted when the backfill is
 * complete, so running the same backfill again fetches everything again.
 *
 * <p>The plan's resolved range is stored: "the last 3 days", resumed an hour later, still means the
 * 3 days it meant when it started.
 */
final class BackfillProgress {

  private static final Logger log = LoggerFactory.getLogger(BackfillProgress.class);

  private final Path file;
  private final Set<String> done = new HashSet<>();
  private final Instant from;
  private final Instant to;

  private BackfillProgress(Path file, Instant from, Instant to) {
    this.file = file;
    this.from = from;
    this.to = to;
  }

  /**
   * The progress of plan {@code id} in {@code file} (none: no resuming), or a fresh start over
   * {@code from}..{@code to} when the file is missing or belongs to another plan.
   */
  static BackfillProgress open(Path file, String id, Instant from, Instant to) {
    if (file == null) {
      return new BackfillProgress(null, from, to);
    }
    Optional<BackfillProgress> resumed = read(file, id);
    if (resumed.isPresent()) {
      log.info(
          "Resuming backfill {}: {} chunk(s) already published", id, resumed.get().done.size());
      return resumed.get();
    }
    write(file, List.of("plan " + id + " " + from + " " + to), false);
    return new BackfillProgress(file, from, to);
  }

  private static Optional<BackfillProgress> read(Path file, String id) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      String[] head = lines.isEmpty() ? new String[0] : lines.get(0).split(" ");
      if (head.length != 4 || !head[0].equals("plan") || !head[1].equals(id)) {
        log.info("{} belongs to another backfill; starting this one from the beginning", file);
        return Optional.empty();
      }
      BackfillProgress progress =
          new BackfillProgress(file, Instant.parse(head[2]), Instant.parse(head[3]));
      progress.done.addAll(lines.subList(1, lines.size()));
      return Optional.of(progress);
    } catch (IOException | RuntimeException e) {
      log.warn("Cannot read {} ({}); starting the backfill from the beginning", file, e.toString());
      return Optional.empty();
    }
  }

  Instant from() {
    return from;
  }

  Instant to() {
    return to;
  }

  boolean isDone(Chunk chunk) {
    return done.contains(chunk.key());
  }

  void markDone(Chunk chunk) {
    done.add(chunk.key());
    if (file != null) {
      write(file, List.of(chunk.key()), true);
    }
  }

  /** Every chunk is published: nothing to resume. */
  void complete() {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot delete " + file, e);
      }
    }
  }

  private static void write(Path file, List<String> lines, boolean append) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.write(
          file,
          lines,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE,
          StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the backfill progress to " + file, e);
    }
  }
}
