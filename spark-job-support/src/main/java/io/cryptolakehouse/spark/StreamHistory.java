package io.cryptolakehouse.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
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
