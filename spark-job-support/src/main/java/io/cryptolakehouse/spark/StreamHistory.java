package io.cryptolakehouse.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.SparkSession;

/**
 * Guards a streaming read of an Iceberg table that starts without a checkpoint (a new query, or a
 * reset one). Iceberg starts such a read at the oldest snapshot the table still has and reads only
 * what each snapshot added from there: rows committed in snapshots that maintenance has expired
 * would be skipped without a word. So the start fails instead, saying what to do.
 */
public final class StreamHistory {

  private static final Pattern SNAPSHOT_ID = Pattern.compile("\"snapshot_id\"\\s*:\\s*(-?\\d+)");

  /** {@code true} to start anyway from the oldest snapshot kept, accepting the gap. */
  public static final String ALLOW_PARTIAL_HISTORY =
      JobSettings.PREFIX + "stream.allow-partial-history";

  private StreamHistory() {}

  public static void requireWhole(
      SparkSession spark, String table, String queryName, StreamSettings settings) {
    if (settings.allowPartialHistory() || hasCheckpoint(spark, settings.checkpointFor(queryName))) {
      return;
    }
    Table source = load(spark, table);
    if (source.currentSnapshot() == null) {
      return;
    }
    Snapshot oldest = SnapshotUtil.oldestAncestor(source);
    if (oldest != null && oldest.parentId() != null) {
      throw new IllegalStateException(
          ("%s starts without a checkpoint, but the history of %s before %s (snapshot %d) was"
                  + " expired by maintenance: a stream would start there and skip every row"
                  + " committed earlier. Keep or restore the checkpoint in %s, or rebuild from a"
                  + " fresh lakehouse, or set %s=true to start from %s knowingly.")
              .formatted(
                  queryName,
                  table,
                  Instant.ofEpochMilli(oldest.timestampMillis()),
                  oldest.snapshotId(),
                  settings.checkpointFor(queryName),
                  ALLOW_PARTIAL_HISTORY,
                  Instant.ofEpochMilli(oldest.timestampMillis())));
    }
  }

  /**
   * For a query that takes over part of an older query's work on the same stream ({@code elder}):
   * when it starts without a checkpoint and the elder has committed batches, the commit time of the
   * snapshot the elder's last batch read up to, to start reading there (Iceberg's {@code
   * stream-from-timestamp}). The new query then neither misses what the elder had not read yet nor
   * reads the whole history again; it reads that snapshot once more, which idempotent writers
   * allow. Empty otherwise (then {@link #requireWhole} applies). Maintenance keeps the elder's
   * newest positions, so the snapshot is there unless the elder's checkpoint was left behind.
   */
  public static OptionalLong takeOverFrom(
      SparkSession spark, String table, String queryName, String elder, StreamSettings settings) {
    if (hasCheckpoint(spark, settings.checkpointFor(queryName))) {
      return OptionalLong.empty();
    }
    OptionalLong snapshotId = committedSnapshot(spark, settings.checkpointFor(elder));
    if (snapshotId.isEmpty()) {
      return OptionalLong.empty();
    }
    Snapshot snapshot = load(spark, table).snapshot(snapshotId.getAsLong());
    return snapshot == null ? OptionalLong.empty() : OptionalLong.of(snapshot.timestampMillis());
  }

  /** The snapshot of the last committed batch's end offset in a checkpoint, if any. */
  private static OptionalLong committedSnapshot(SparkSession spark, String location) {
    try {
      Path commits = new Path(location, "commits");
      FileSystem fs = commits.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(commits)) {
        return OptionalLong.empty();
      }
      OptionalLong last =
          Arrays.stream(fs.listStatus(commits))
              .map(f -> f.getPath().getName())
              .filter(name -> name.matches("\\d+"))
              .mapToLong(Long::parseLong)
              .max();
      if (last.isEmpty()) {
        return OptionalLong.empty();
      }
      // The offset log's entry: a version line, the batch's metadata, then one line per source.
      Path offsets = new Path(new Path(location, "offsets"), Long.toString(last.getAsLong()));
      String text;
      try (var in = fs.open(offsets)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Matcher m = SNAPSHOT_ID.matcher(text);
      return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the checkpoint " + location, e);
    }
  }

  /** Whether the query has written an offset there (a directory alone is not a checkpoint). */
  private static boolean hasCheckpoint(SparkSession spark, String location) {
    try {
      Path offsets = new Path(location, "offsets");
      FileSystem fs = offsets.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.exists(offsets) && fs.listStatus(offsets).length > 0;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the checkpoint " + location, e);
    }
  }

  private static Table load(SparkSession spark, String table) {
    try {
      return Spark3Util.loadIcebergTable(spark, table);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot load " + table + " as an Iceberg table", e);
    }
  }
}
