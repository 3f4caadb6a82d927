package io.cryptolakehouse.spark;

import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Starts append-only streaming writes into Iceberg tables. Exactly-once comes from the pair of the
 * query's checkpoint (which source offsets belong to which epoch) and Iceberg's sink, which records
 * each epoch in its snapshot and skips an epoch it already committed when a restarted query replays
 * it.
 */
public final class IcebergStreams {

  private IcebergStreams() {}

  public static StreamingQuery appendTo(
      Dataset<Row> rows, String table, String queryName, StreamSettings settings) {
    try {
      return rows.writeStream()
          .format("iceberg")
          .outputMode("append")
          .queryName(queryName)
          .option("checkpointLocation", settings.checkpointFor(queryName))
          // Rows of several days in one batch need no sort before the write.
          .option("fanout-enabled", "true")
          .trigger(StreamTrigger.parse(StreamSettings.TRIGGER, settings.trigger()))
          .toTable(table);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Query " + queryName + " did not start", e);
    }
  }
}
