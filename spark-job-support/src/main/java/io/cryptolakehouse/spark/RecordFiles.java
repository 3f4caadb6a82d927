package io.cryptolakehouse.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.SortOrderComparators;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.parquet.Parquet;

/**
 * A table's Parquet data files read and written as Iceberg's generic records, by the driver, with
 * the table's own settings (compression, sort order): what {@link DriverMerge} rewrites.
 */
final class RecordFiles {

  private final Table table;
  private final GenericFileWriterFactory writers;
  private final OutputFileFactory names;
  private final List<DataFile> written = new ArrayList<>();

  RecordFiles(Table table, long batchId) {
    this.table = table;
    this.writers =
        new GenericFileWriterFactory.Builder(table)
            .dataFileFormat(FileFormat.PARQUET)
            .dataSchema(table.schema())
            .dataSortOrder(table.sortOrder())
            .build();
    this.names =
        OutputFileFactory.builderFor(table, 0, batchId)
            .format(FileFormat.PARQUET)
            .operationId("driver-merge-" + UUID.randomUUID())
            .build();
  }

  CloseableIterable<Record> read(DataFile file) {
    return Parquet.read(table.io().newInputFile(file.location()))
        .project(table.schema())
        .createReaderFunc(type -> GenericParquetReaders.buildReader(table.schema(), type))
        .build();
  }

  /** A new file of the partition, for rows the caller writes in the table's order. */
  DataWriter<Record> newFile(StructLike partition) {
    return writers.newDataWriter(
        names.newOutputFile(table.spec(), partition), table.spec(), partition);
  }

  /** Closes {@code writer}, which now counts as written; null when it holds no row. */
  DataFile finish(DataWriter<Record> writer) {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write to " + table.name(), e);
    }
    DataFile file = writer.toDataFile();
    written.add(file);
    if (file.recordCount() == 0) {
      discard(file);
      return null;
    }
    return file;
  }

  /** A file written here that is not to be committed. */
  void discard(DataFile file) {
    written.remove(file);
    table.io().deleteFile(file.location());
  }

  /** Deletes every file written here: the commit failed, they belong to no snapshot. */
  void discardAll() {
    written.forEach(f -> table.io().deleteFile(f.location()));
    written.clear();
  }

  /** {@code rows} of one partition in a new file, in the table's sort order. */
  DataFile write(StructLike partition, List<Record> rows) {
    List<Record> sorted = new ArrayList<>(rows);
    if (!table.sortOrder().isUnsorted()) {
      Comparator<StructLike> order =
          SortOrderComparators.forSchema(table.schema(), table.sortOrder());
      // The comparator reads values as Iceberg holds them internally (timestamps as micros).
      InternalRecordWrapper left = new InternalRecordWrapper(table.schema().asStruct());
      InternalRecordWrapper right = new InternalRecordWrapper(table.schema().asStruct());
      sorted.sort((a, b) -> order.compare(left.wrap(a), right.wrap(b)));
    }
    DataWriter<Record> writer = newFile(partition);
    sorted.forEach(writer::write);
    return finish(writer);
  }
}
