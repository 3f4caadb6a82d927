package io.cryptolakehouse.local.support;

import io.cryptolakehouse.model.TableId;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Row counts from each table's current snapshot summary: metadata only, no scan. */
public final class SnapshotRows {

  private static final Logger log = LoggerFactory.getLogger(SnapshotRows.class);

  private final SparkSession spark;
  private final String catalog;

  public SnapshotRows(SparkSession spark, String catalog) {
    this.spark = spark;
    this.catalog = catalog;
  }

  /** Rows in the table's current snapshot; null if the table does not exist yet. */
  public Long rows(TableId id) {
    try {
      Table table = Spark3Util.loadIcebergTable(spark, id.qualifiedIn(catalog));
      Snapshot current = table.currentSnapshot();
      if (current == null) {
        return 0L;
      }
      String total = current.summary().get("total-records");
      return total == null ? null : Long.parseLong(total);
    } catch (Exception e) {
      log.debug("No row count for {}: {}", id, e.toString());
      return null;
    }
  }
}
