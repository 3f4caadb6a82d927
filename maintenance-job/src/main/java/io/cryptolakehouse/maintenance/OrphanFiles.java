package io.cryptolakehouse.maintenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.DeleteOrphanFiles;
import org.apache.iceberg.relocated.com.google.common.collect.Iterables;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Deletes files under a table's location that no snapshot or metadata references and that are older
 * than the safe age (younger ones may belong to a commit in flight). The files are listed with one
 * recursive object listing rather than Iceberg's directory walk: on S3 that is one request per
 * thousand files instead of one per directory, and it does not trip over a directory that vanished
 * with its last file (which the embedded S3 server reports while the walk runs).
 */
final class OrphanFiles {

  private static final StructType LISTING =
      new StructType()
          .add("file_path", DataTypes.StringType, false)
          .add("last_modified", DataTypes.TimestampType, false);

  private OrphanFiles() {}

  /** Deletes the orphans older than {@code olderThan}; returns how many. */
  static long remove(SparkSession spark, Table table, Instant olderThan) {
    List<Row> old = list(spark, table, olderThan);
    if (old.isEmpty()) {
      return 0; // every file is younger than the safe age: none can be an orphan yet
    }
    Dataset<Row> listing = spark.createDataFrame(old, LISTING);
    DeleteOrphanFiles.Result result =
        SparkActions.get(spark)
            .deleteOrphanFiles(table)
            .compareToFileList(listing)
            .olderThan(olderThan.toEpochMilli())
            .execute();
    return Iterables.size(result.orphanFileLocations());
  }

  private static List<Row> list(SparkSession spark, Table table, Instant olderThan) {
    Path location = new Path(table.location());
    List<Row> files = new ArrayList<>();
    try {
      FileSystem fs = location.getFileSystem(spark.sparkContext().hadoopConfiguration());
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(location, true);
      while (it.hasNext()) {
        LocatedFileStatus file = it.next();
        if (file.getModificationTime() < olderThan.toEpochMilli()) {
          files.add(
              RowFactory.create(
                  file.getPath().toString(), new Timestamp(file.getModificationTime())));
        }
      }
      return files;
    } catch (java.io.FileNotFoundException e) {
      return files; // the table's directory does not exist (yet): nothing is orphaned
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + location, e);
    }
  }
}
