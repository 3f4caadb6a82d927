package io.cryptolakehouse.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.unix_micros;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Appends the rows of a micro-batch whose key is not in the table yet: an insert-only {@code
 * MERGE}, which Spark plans as an anti-join plus an <em>append</em>. That makes a replayed batch
 * (foreachBatch is at-least-once) insert nothing twice, and keeps the table append-only, so the
 * next job can stream from it (an overwrite snapshot would be skipped by Iceberg's streaming read).
 *
 * @param table the qualified table name
 * @param keys the unique key; compared null-safely
 * @param pruneColumn a timestamp key column the table is partitioned by: only partitions from the
 *     batch's earliest value on are scanned for existing keys
 */
record InsertNewRows(String table, List<String> keys, String pruneColumn) {

  void insert(Dataset<Row> rows, long batchId) {
    Row earliest = rows.agg(unix_micros(min(col(pruneColumn)))).first();
    if (earliest.isNullAt(0)) {
      return; // nothing to insert
    }
    String view = "batch_" + table.replaceAll("\\W", "_") + "_" + batchId;
    rows.createOrReplaceTempView(view);
    try {
      String matches =
          keys.stream().map(k -> "t." + k + " <=> s." + k).collect(Collectors.joining(" AND "));
      rows.sparkSession()
          .sql(
              "MERGE INTO "
                  + table
                  + " t USING "
                  + view
                  + " s ON "
                  + matches
                  + " AND t."
                  + pruneColumn
                  + " >= timestamp_micros("
                  + earliest.getLong(0)
                  + ") WHEN NOT MATCHED THEN INSERT *");
    } finally {
      rows.sparkSession().catalog().dropTempView(view);
    }
  }
}
