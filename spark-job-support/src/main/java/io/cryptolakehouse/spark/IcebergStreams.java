package io.cryptolakehouse.spark;

import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.function.VoidFunction2;
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

  /** The Spark property naming the scheduler pool of the jobs a thread submits. */
  static final String POOL = "spark.scheduler.pool";

  public static StreamingQuery appendTo(
      Dataset<Row> rows, String table, String queryName, StreamSettings settings) {
    return inOwnPool(rows, queryName, () -> startAppend(rows, table, queryName, settings));
  }

  private static StreamingQuery startAppend(
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

  /**
   * Starts a query that hands each micro-batch of {@code source} to {@code writer}; the writer must
   * be idempotent, since a batch may be handed over again after a crash.
   */
  public static StreamingQuery eachBatch(
      Dataset<Row> source,
      String queryName,
      StreamSettings settings,
      VoidFunction2<Dataset<Row>, Long> writer) {
    return inOwnPool(source, queryName, () -> startEachBatch(source, queryName, settings, writer));
  }

  private static StreamingQuery startEachBatch(
      Dataset<Row> source,
      String queryName,
      StreamSettings settings,
      VoidFunction2<Dataset<Row>, Long> writer) {
    try {
      return source
          .writeStream()
          .queryName(queryName)
          .option("checkpointLocation", settings.checkpointFor(queryName))
          .trigger(StreamTrigger.parse(StreamSettings.TRIGGER, settings.trigger()))
          .foreachBatch(writer)
          .start();
    } catch (TimeoutException e) {
      throw new IllegalStateException("Query " + queryName + " did not start", e);
    }
  }

  /**
   * Starts a query in a scheduler pool of its own, named after it. Where several queries share one
   * Spark application (the local runner, a job with two queries) and the session schedules FAIR, a
   * query's small batch then gets the next free core rather than waiting behind every task of
   * another query's large one (a Gold catch-up holding Silver's new rows back). Under Spark's
   * default FIFO mode pools change nothing. The query's thread copies the property when it starts.
   */
  private static StreamingQuery inOwnPool(
      Dataset<Row> source, String queryName, Supplier<StreamingQuery> start) {
    SparkContext context = source.sparkSession().sparkContext();
    String previous = context.getLocalProperty(POOL);
    context.setLocalProperty(POOL, queryName);
    try {
      return start.get();
    } finally {
      context.setLocalProperty(POOL, previous);
    }
  }
}
