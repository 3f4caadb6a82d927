package io.cryptolakehouse.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.expressions.Evaluator;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;

/**
 * The copy-on-write upsert by key of {@link IcebergMerge}, done by the driver alone: for a live
 * batch's few hundred rows, where a Spark {@code MERGE} is nearly all fixed cost (analysis and
 * planning, a job to find the files holding the keys, a shuffle and a sort: 40 % of the bars
 * query's driver time in a profile, on a driver every query shares).
 *
 * <p>The files that may hold the rows' keys are read; each that does is replaced, in one commit, by
 * the rows it keeps plus the new rows. Its kept rows outside the candidate range (older hours,
 * after a compaction merged them with the live one) are copied as they stream by into a file of
 * their own, so the next batch's candidates leave that file out, and memory holds only the live
 * range. The commit is validated against everything committed since the files were listed, as
 * Spark's is: a concurrent writer or compaction makes it fail and run again ({@link
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
   * key with them (the batch's time range, the writer's scope), and the rows themselves: only files
   * it selects are read, and commits outside it do not conflict. Returns false, having written
   * nothing, when those files are not plain Parquet files of the current partition spec, or hold
   * more than {@code mostCarried} rows: the caller then runs Spark's {@code MERGE}.
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
    RecordFiles files = new RecordFiles(table, batchId);
    try {
      OverwriteFiles overwrite = table.newOverwrite();
      List<Record> live = new ArrayList<>(rows);
      for (DataFile file : candidateFiles) {
        if (rewrite(file, incoming, candidates, files, live, overwrite)) {
          overwrite.deleteFile(file);
        }
      }
      byPartition(live).forEach((p, r) -> overwrite.addFile(files.write(p, r)));
      if (base != null) {
        overwrite.validateFromSnapshot(base.snapshotId());
      }
      overwrite
          .conflictDetectionFilter(candidates)
          .validateNoConflictingData()
          .validateNoConflictingDeletes()
          .commit();
      return true;
    } catch (CommitStateUnknownException e) {
      throw e; // the commit may have landed: its files must stay (the orphan sweep judges them)
    } catch (RuntimeException e) {
      files.discardAll(); // in no snapshot: nothing to leave for the orphan sweep
      throw e;
    }
  }

  /**
   * Reads {@code file}: its rows outside {@code candidates} stream to a new file, those inside go
   * to {@code live}, those with an incoming key are dropped. True if any was: the file is replaced.
   * Otherwise what was taken from it is given back, and it stays.
   */
  private boolean rewrite(
      DataFile file,
      Set<List<Object>> incoming,
      Expression candidates,
      RecordFiles files,
      List<Record> live,
      OverwriteFiles overwrite) {
    Evaluator inRange = new Evaluator(table.schema().asStruct(), candidates);
    InternalRecordWrapper internal = new InternalRecordWrapper(table.schema().asStruct());
    int liveBefore = live.size();
    boolean replaced = false;
    // Opened at the first older row: a live file has none, and an empty file would be written
    // and deleted again on every batch.
    DataWriter<Record> older = null;
    try (CloseableIterable<Record> records = files.read(file)) {
      for (Record row : records) {
        if (incoming.contains(keyOf(row))) {
          replaced = true;
        } else if (inRange.eval(internal.wrap(row))) {
          live.add(row);
        } else {
          if (older == null) {
            older = files.newFile(file.partition());
          }
          older.write(row); // in the file's (the table's) order already
        }
      }
    } catch (IOException | RuntimeException e) {
      if (older != null) {
        try {
          files.finish(older); // closed and counted as written: the failed upsert deletes it
        } catch (RuntimeException closing) {
          e.addSuppressed(closing);
        }
      }
      throw e instanceof IOException io
          ? new UncheckedIOException("Cannot read " + file.location(), io)
          : (RuntimeException) e;
    }
    DataFile kept = older == null ? null : files.finish(older);
    if (!replaced) {
      live.subList(liveBefore, live.size()).clear();
      if (kept != null) {
        files.discard(kept);
      }
    } else if (kept != null) {
      overwrite.addFile(kept);
    }
    return replaced;
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
            || task.file().specId() != table.spec().specId()
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

  private Map<StructLike, List<Record>> byPartition(List<Record> rows) {
    InternalRecordWrapper internal = new InternalRecordWrapper(table.schema().asStruct());
    PartitionKey partition = new PartitionKey(table.spec(), table.schema());
    Map<StructLike, List<Record>> byPartition = new LinkedHashMap<>();
    for (Record row : rows) {
      partition.partition(internal.wrap(row));
      byPartition.computeIfAbsent(partition.copy(), p -> new ArrayList<>()).add(row);
    }
    return byPartition;
  }

  private List<Object> keyOf(Record row) {
    Object[] key = new Object[keys.size()];
    for (int i = 0; i < key.length; i++) {
      key[i] = row.getField(keys.get(i));
    }
    return Arrays.asList(key); // nulls allowed: keys compare null-safely, as in the MERGE
  }
}
