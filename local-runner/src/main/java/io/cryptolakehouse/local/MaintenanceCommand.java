package io.cryptolakehouse.local;

import io.cryptolakehouse.maintenance.MaintenanceReport;
import io.cryptolakehouse.maintenance.TableReport;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ./run-local.sh maintenance}: maintains every table once, beside the running pipeline if
 * there is one, and prints per table the files and snapshots before and after.
 */
final class MaintenanceCommand {

  private static final StructType REPORT =
      new StructType()
          .add("table", DataTypes.StringType)
          .add("data_files_before", DataTypes.LongType)
          .add("data_files_after", DataTypes.LongType)
          .add("max_files_per_partition_before", DataTypes.IntegerType)
          .add("max_files_per_partition_after", DataTypes.IntegerType)
          .add("snapshots_before", DataTypes.LongType)
          .add("snapshots_after", DataTypes.LongType)
          .add("snapshots_expired", DataTypes.LongType)
          .add("bytes_before", DataTypes.LongType)
          .add("bytes_after", DataTypes.LongType)
          .add("files_rewritten", DataTypes.LongType)
          .add("bronze_rows_dropped", DataTypes.LongType)
          .add("orphans_removed", DataTypes.LongType)
          .add("seconds", DataTypes.DoubleType)
          .add("error", DataTypes.StringType);

  private final CommandLine.Maintain options;
  private final Terminal terminal;

  MaintenanceCommand(CommandLine.Maintain options, Terminal terminal) {
    this.options = options;
    this.terminal = terminal;
  }

  int run() {
    DataDir dir = new DataDir(options.dataDir());
    try (LakehouseAccess access = LakehouseAccess.open(dir)) {
      if (options.format() != OutputFormat.JSONL) {
        terminal.note(
            "Maintaining every table"
                + (access.pipelineRunning() ? " beside the running pipeline" : "")
                + " ...");
      }
      MaintenanceReport report =
          new LocalMaintenance(dir, options.retention()).runOnce(access.spark(), access.catalog());
      ResultPrinter.print(rows(access.spark(), report), options.format(), terminal);
      if (!report.ok()) {
        terminal.note("run-local: maintenance of some tables failed (details in the log)");
        return 1;
      }
      return 0;
    }
  }

  static Dataset<Row> rows(SparkSession spark, MaintenanceReport report) {
    List<Row> rows = new ArrayList<>();
    for (TableReport t : report.tables()) {
      rows.add(
          RowFactory.create(
              t.table(),
              t.dataFilesBefore(),
              t.dataFilesAfter(),
              t.maxFilesPerPartitionBefore(),
              t.maxFilesPerPartitionAfter(),
              t.snapshotsBefore(),
              t.snapshotsAfter(),
              t.snapshotsExpired(),
              t.bytesBefore(),
              t.bytesAfter(),
              t.filesRewritten(),
              t.bronzeRowsDropped(),
              t.orphanFilesRemoved(),
              t.durationMillis() / 1000.0,
              t.error()));
    }
    return spark.createDataFrame(rows, REPORT);
  }
}
