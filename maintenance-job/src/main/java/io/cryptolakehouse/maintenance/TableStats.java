package io.cryptolakehouse.maintenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.relocated.com.google.common.collect.Iterables;

/** What maintenance is about, measured from a table's metadata (no data is read). */
record TableStats(
    long dataFiles, long bytes, int maxFilesPerPartition, long snapshots, int manifests) {

  static TableStats of(Table table) {
    table.refresh();
    long snapshots = Iterables.size(table.snapshots());
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return new TableStats(0, 0, 0, snapshots, 0);
    }
    long files = 0;
    long bytes = 0;
    Map<String, Integer> perPartition = new HashMap<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile file = task.file();
        files++;
        bytes += file.fileSizeInBytes();
        String partition =
            file.specId()
                + "/"
                + table.specs().get(file.specId()).partitionToPath(file.partition());
        perPartition.merge(partition, 1, Integer::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the files of " + table.name(), e);
    }
    int maxPerPartition = perPartition.values().stream().mapToInt(i -> i).max().orElse(0);
    return new TableStats(
        files, bytes, maxPerPartition, snapshots, current.allManifests(table.io()).size());
  }
}
