package io.cryptolakehouse.maintenance;

import io.cryptolakehouse.model.StreamingQueries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the streaming queries need of the snapshot history, which snapshot expiry must respect:
 *
 * <ul>
 *   <li><b>Writers</b>: Iceberg's streaming sink (Bronze) finds the last epoch it committed by
 *       walking the history back from the current snapshot to the first one carrying its query id.
 *       Were that snapshot expired, a batch replayed after a crash would be committed twice. Its
 *       newest such snapshot, and every later one, stay.
 *   <li><b>Readers</b>: an Iceberg streaming read (Silver of Bronze, Gold of Silver) resumes from
 *       the snapshot in its checkpoint's offset log and fails if it is gone. The snapshots of the
 *       two newest offset entries of every checkpoint (the batch in flight and the one before)
 *       stay.
 *   <li><b>AvailableNow</b>: Iceberg sizes an {@code available-now} run from the query's
 *       <em>initial</em> offset ({@code sources/N/offsets/0}), the very first snapshot it read, and
 *       fails once that is expired (apache/iceberg#18000). After a query has committed a batch its
 *       initial offset serves nothing else, so {@link #advanceBaselines} moves it to the query's
 *       oldest kept position before expiry, instead of keeping the whole history forever.
 * </ul>
 */
final class StreamPositions {

  private static final Logger log = LoggerFactory.getLogger(StreamPositions.class);
  static final String STREAMING_QUERY_ID = "spark.sql.streaming.queryId";
  private static final Pattern SNAPSHOT_ID = Pattern.compile("\"snapshot_id\"\\s*:\\s*(-?\\d+)");

  /** One query checkpoint's Iceberg read positions. */
  private record Checkpoint(
      String query, Set<Long> positions, List<Path> baselines, boolean committed) {}

  /** What keeps a table's older snapshots, and the time of the oldest one it keeps. */
  record Pin(String by, long timestampMillis) {}

  private final FileSystem fs;
  private final List<Checkpoint> checkpoints;
  private final Map<Long, String> readerSnapshots;
  private final List<String> ignored;

  private StreamPositions(FileSystem fs, List<Checkpoint> checkpoints, List<String> ignored) {
    this.fs = fs;
    this.checkpoints = checkpoints;
    this.ignored = ignored;
    this.readerSnapshots = collectReaderSnapshots();
  }

  /**
   * Reads the checkpoints of the pipeline's queries under {@code root} (none if it does not exist
   * yet). Other directories there are listed in {@link #ignored()}: a renamed or abandoned query's
   * checkpoint would otherwise stop snapshot expiry for good.
   */
  static StreamPositions read(String root, Configuration hadoop) {
    try {
      Path rootPath = new Path(root);
      FileSystem fs = rootPath.getFileSystem(hadoop);
      List<Checkpoint> checkpoints = new ArrayList<>();
      List<String> ignored = new ArrayList<>();
      if (fs.exists(rootPath)) {
        for (FileStatus query : fs.listStatus(rootPath)) {
          if (!query.isDirectory()) {
            continue;
          }
          String name = query.getPath().getName();
          if (StreamingQueries.ALL.contains(name)) {
            checkpoints.add(readCheckpoint(fs, query.getPath()));
          } else {
            ignored.add(name);
            log.warn(
                "{} under {} is not a checkpoint of the pipeline's queries {}: it does not hold"
                    + " back snapshot expiry; delete it if its query is gone",
                name,
                root,
                StreamingQueries.ALL);
          }
        }
      }
      return new StreamPositions(fs, checkpoints, ignored);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the checkpoints under " + root, e);
    }
  }

  /** Directories under the checkpoint root that are no query of the pipeline. */
  List<String> ignored() {
    return ignored;
  }

  private static Checkpoint readCheckpoint(FileSystem fs, Path query) throws IOException {
    Set<Long> positions = new HashSet<>();
    for (Path entry : newest(fs, new Path(query, "offsets"), 2)) {
      positions.addAll(snapshotIds(read(fs, entry)));
    }
    List<Path> baselines = new ArrayList<>();
    Path sources = new Path(query, "sources");
    if (fs.exists(sources)) {
      for (FileStatus source : fs.listStatus(sources)) {
        Path initial = new Path(source.getPath(), "offsets/0");
        if (fs.exists(initial)) {
          baselines.add(initial);
        }
      }
    }
    return new Checkpoint(
        query.getName(),
        positions,
        baselines,
        !newest(fs, new Path(query, "commits"), 1).isEmpty());
  }

  /** Snapshot ids expiry must keep: read positions, and baselines of never-committed queries. */
  Set<Long> readerSnapshots() {
    return readerSnapshots.keySet();
  }

  private Map<Long, String> collectReaderSnapshots() {
    Map<Long, String> ids = new HashMap<>();
    for (Checkpoint c : checkpoints) {
      c.positions().forEach(id -> ids.put(id, c.query()));
      if (!c.committed()) {
        c.baselines().forEach(b -> snapshotIds(read(fs, b)).forEach(id -> ids.put(id, c.query())));
      }
    }
    return ids;
  }

  /** The oldest snapshot of {@code table} a streaming query still needs, and which one, if any. */
  Optional<Pin> oldestNeeded(Table table) {
    Pin oldest = null;
    Snapshot s = table.currentSnapshot();
    while (s != null) {
      if (s.summary().containsKey(STREAMING_QUERY_ID)) {
        oldest = new Pin("its streaming writer's last commit", s.timestampMillis());
        break;
      }
      s = s.parentId() == null ? null : table.snapshot(s.parentId());
    }
    for (Map.Entry<Long, String> id : readerSnapshots.entrySet()) {
      Snapshot read = table.snapshot(id.getKey());
      if (read != null && (oldest == null || read.timestampMillis() < oldest.timestampMillis())) {
        oldest =
            new Pin(
                "reader " + id.getValue() + " (snapshot " + id.getKey() + ")",
                read.timestampMillis());
      }
    }
    return Optional.ofNullable(oldest);
  }

  /**
   * Moves the initial offsets of committed queries reading {@code table} that point before {@code
   * expireBefore} to the query's oldest position in the table, which expiry keeps.
   */
  void advanceBaselines(Table table, long expireBefore) {
    for (Checkpoint c : checkpoints) {
      OptionalLong target =
          c.positions().stream()
              .map(table::snapshot)
              .filter(java.util.Objects::nonNull)
              .min(Comparator.comparingLong(Snapshot::timestampMillis))
              .map(sn -> OptionalLong.of(sn.snapshotId()))
              .orElse(OptionalLong.empty());
      if (!c.committed() || target.isEmpty()) {
        continue;
      }
      for (Path baseline : c.baselines()) {
        String json = read(fs, baseline);
        Set<Long> ids = snapshotIds(json);
        Snapshot initial = ids.size() == 1 ? table.snapshot(ids.iterator().next()) : null;
        if (initial != null && initial.timestampMillis() < expireBefore) {
          write(baseline, rebase(json, target.getAsLong()));
          log.info(
              "Moved the AvailableNow baseline {} of {} from snapshot {} to {}",
              baseline,
              table.name(),
              initial.snapshotId(),
              target.getAsLong());
        }
      }
    }
  }

  static String rebase(String offsetJson, long snapshotId) {
    return offsetJson
        .replaceAll("\"snapshot_id\"\\s*:\\s*-?\\d+", "\"snapshot_id\":" + snapshotId)
        .replaceAll("\"position\"\\s*:\\s*\\d+", "\"position\":0")
        .replaceAll("\"scan_all_files\"\\s*:\\s*true", "\"scan_all_files\":false");
  }

  private static List<Path> newest(FileSystem fs, Path dir, int n) throws IOException {
    if (!fs.exists(dir)) {
      return List.of();
    }
    return Arrays.stream(fs.listStatus(dir))
        .map(FileStatus::getPath)
        .filter(p -> p.getName().matches("\\d+"))
        .sorted(Comparator.comparingLong((Path p) -> Long.parseLong(p.getName())).reversed())
        .limit(n)
        .toList();
  }

  static Set<Long> snapshotIds(String text) {
    Matcher m = SNAPSHOT_ID.matcher(text);
    Set<Long> ids = new HashSet<>();
    while (m.find()) {
      ids.add(Long.parseLong(m.group(1)));
    }
    return ids;
  }

  private static String read(FileSystem fs, Path file) {
    try (FSDataInputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  private void write(Path file, String content) {
    try (FSDataOutputStream out = fs.create(file, true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
