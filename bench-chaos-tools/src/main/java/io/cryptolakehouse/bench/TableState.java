package io.cryptolakehouse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.relocated.com.google.common.collect.Iterables;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.SparkSession;

/**
 * What a day of commits did to a table at one moment: its snapshots, the size of its current {@code
 * metadata.json}, live data files per partition, every file under its location (data and metadata,
 * live or kept for time travel), and how long the "last 24 h OHLC" query takes.
 */
record TableState(
    long snapshots,
    long metadataJsonBytes,
    long maxFilesPerPartition,
    long storedFiles,
    long storedBytes,
    double queryMs,
    long queryRows,
    double commitMs) {

  /** Untimed first (the first runs in a JVM pay class loading and JIT), then the median. */
  private static final int WARM_UPS = 5;

  private static final int QUERY_RUNS = 7;

  static TableState of(SparkSession spark, String name, Instant now, double commitMs)
      throws Exception {
    Table table = Spark3Util.loadIcebergTable(spark, name);
    table.refresh();
    String metadataJson =
        ((HasTableOperations) table).operations().current().metadataFileLocation();
    Map<Object, Long> filesPerPartition = new HashMap<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        filesPerPartition.merge(task.file().partition().get(0, Object.class), 1L, Long::sum);
      }
    }
    long[] stored = stored(spark, table.location());
    String query =
        "SELECT coin_id, hour_start, open_price, high_price, low_price, close_price FROM "
            + name
            + " WHERE hour_start >= TIMESTAMP '"
            + now.minusSeconds(24 * 3600)
            + "' AND hour_start < TIMESTAMP '"
            + now
            + "' ORDER BY coin_id, hour_start";
    long rows = 0;
    for (int i = 0; i < WARM_UPS; i++) {
      rows = spark.sql(query).collectAsList().size();
    }
    double[] ms = new double[QUERY_RUNS];
    for (int i = 0; i < QUERY_RUNS; i++) {
      long began = System.nanoTime();
      spark.sql(query).collectAsList();
      ms[i] = (System.nanoTime() - began) / 1e6;
    }
    Arrays.sort(ms);
    return new TableState(
        Iterables.size(table.snapshots()),
        table.io().newInputFile(metadataJson).getLength(),
        filesPerPartition.values().stream().mapToLong(Long::longValue).max().orElse(0),
        stored[0],
        stored[1],
        ms[QUERY_RUNS / 2],
        rows,
        commitMs);
  }

  void addTo(Figures figures, String prefix) {
    figures
        .add(prefix + "_snapshots", snapshots, "")
        .add(prefix + "_metadata_json", metadataJsonBytes / 1024.0, "KB", "current metadata.json")
        .add(prefix + "_files_per_partition", maxFilesPerPartition, "", "live data files, max")
        .add(prefix + "_stored_files", storedFiles, "", "data + metadata under the table")
        .add(prefix + "_stored", storedBytes / 1_048_576.0, "MB")
        .add(
            prefix + "_query",
            queryMs,
            "ms",
            "last 24 h OHLC, median of " + QUERY_RUNS + ", " + queryRows + " rows")
        .add(prefix + "_commit", commitMs, "ms", "mean commit in that hour");
  }

  private static long[] stored(SparkSession spark, String location) {
    try {
      Path root = new Path(location);
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      long files = 0;
      long bytes = 0;
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        LocatedFileStatus status = it.next();
        files++;
        bytes += status.getLen();
      }
      return new long[] {files, bytes};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
