package io.cryptolakehouse.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SortOrderComparators;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.parquet.Parquet;

/**
 * The copy-on-write upsert by key of {@link IcebergMerge}, done by the driver alone: for a live
 * batch's few hundred rows, where a Spark {@code MERGE} is nearly all fixed cost (analysis and
 * planning, a job to find the files holding the keys, a shuffle and a sort: 40 % of the bars
 * query's driver time in a profile, on a driver every query shares). The files that may hold the
 * rows' keys are read; those that do are replaced, in one commit, by files of the rows they keep
 * plus the new rows. The commit is validated against everything committed since the files were
 * listed, as Spark's is, so a concurrent writer or compaction makes it fail and run again ({@link
 * IcebergConflicts}).
 */
final class DriverMerge {

  private final Table table;
  private final List<String> keys;

  DriverMerge(Table table, List<String> keys) {
    this.table = table;
    this.keys = keys;
  }

  /**
   * Upserts {@code rows} by key. {@code candidates} must match every existing row that can share a
   * key with them (the batch's time range, the writer's scope): only files it selects are read, and
   * commits outside it do not conflict. Returns false, having written nothing, when the candidate
   * files are not what this handles (delete files, another format) or hold more than {@code
   * mostCarried} rows: the caller then runs Spark's {@code MERGE}.
   */
  boolean upsert(List<Record> rows, Expression candidates, long mostCarried, long batchId) {
    table.refresh();
    Snapshot base = table.currentSnapshot();
    List<DataFile> candidateFiles = new ArrayList<>();
    if (base != null && !listCandidates(base, candidates, mostCarried, candidateFiles)) {
      return false;
    }
    Set<List<Object>> incoming = new HashSet<>();
    rows.forEach(r -> incoming.add(keyOf(r)));
    List<DataFile> replaced = new ArrayList<>();
    List<Record> written = new ArrayList<>();
    for (DataFile file : candidateFiles) {
      List<Record> held = read(file);
      if (held.stream().anyMatch(r -> incoming.contains(keyOf(r)))) {
        replaced.add(file);
        held.stream().filter(r -> !incoming.contains(keyOf(r))).forEach(written::add);
      }
    }
    written.addAll(rows);
    OverwriteFiles overwrite = table.newOverwrite();
    replaced.forEach(overwrite::deleteFile);
    write(written, batchId).forEach(overwrite::addFile);
    if (base != null) {
      overwrite.validateFromSnapshot(base.snapshotId());
    }
    overwrite
        .conflictDetectionFilter(candidates)
        .validateNoConflictingData()
        .validateNoConflictingDeletes()
        .commit();
    return true;
  }

  private boolean listCandidates(
      Snapshot base, Expression candidates, long mostCarried, List<DataFile> into) {
    long carried = 0;
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().useSnapshot(base.snapshotId()).filter(candidates).planFiles()) {
      for (FileScanTask task : tasks) {
        carried += task.file().recordCount();
        if (!task.deletes().isEmpty()
            || task.file().format() != FileFormat.PARQUET
            || carried > mostCarried) {
          return false;
        }
        into.add(task.file());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the files of " + table.name(), e);
    }
    return true;
  }

  private List<Object> keyOf(Record row) {
    Object[] key = new Object[keys.size()];
    for (int i = 0; i < key.length; i++) {
      key[i] = row.getField(keys.get(i));
    }
    return Arrays.asList(key); // nulls allowed: keys compare null-safely, as in the MERGE
  }

  private List<Record> read(DataFile file) {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> records =
        Parquet.read(table.io().newInputFile(file.location()))
            .project(table.schema())
            .createReaderFunc(type -> GenericParquetReaders.buildReader(table.schema(), type))
            .build()) {
      records.forEach(rows::add);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file.location(), e);
    }
    return rows;
  }

  /** One file per partition, rows in the table's sort order (so its files stay ordered). */
  private List<DataFile> write(List<Record> rows, long batchId) {
    InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
    PartitionKey partition = new PartitionKey(table.spec(), table.schema());
    Map<PartitionKey, List<Record>> byPartition = new LinkedHashMap<>();
    for (Record row : rows) {
      partition.partition(wrapper.wrap(row));
      byPartition.computeIfAbsent(partition.copy(), p -> new ArrayList<>()).add(row);
    }
    GenericFileWriterFactory writers =
        new GenericFileWriterFactory.Builder(table)
            .dataFileFormat(FileFormat.PARQUET)
            .dataSchema(table.schema())
            .dataSortOrder(table.sortOrder())
            .build();
    OutputFileFactory files =
        OutputFileFactory.builderFor(table, 0, batchId)
            .format(FileFormat.PARQUET)
            .operationId("driver-merge-" + UUID.randomUUID())
            .build();
    List<DataFile> written = new ArrayList<>();
    for (Map.Entry<PartitionKey, List<Record>> entry : byPartition.entrySet()) {
      List<Record> sorted = sortedAsTable(entry.getValue());
      DataWriter<Record> writer =
          writers.newDataWriter(
              files.newOutputFile(table.spec(), entry.getKey()), table.spec(), entry.getKey());
      try (writer) {
        sorted.forEach(writer::write);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write to " + table.name(), e);
      }
      written.add(writer.toDataFile());
    }
    return written;
  }

  private List<Record> sortedAsTable(List<Record> rows) {
    if (table.sortOrder().isUnsorted()) {
      return rows;
    }
    Comparator<StructLike> order =
        SortOrderComparators.forSchema(table.schema(), table.sortOrder());
    // The comparator reads values as Iceberg holds them internally (timestamps as micros).
    InternalRecordWrapper left = new InternalRecordWrapper(table.schema().asStruct());
    InternalRecordWrapper right = new InternalRecordWrapper(table.schema().asStruct());
    List<Record> sorted = new ArrayList<>(rows);
    sorted.sort((a, b) -> order.compare(left.wrap(a), right.wrap(b)));
    return sorted;
  }
}
