package io.cryptolakehouse.spark;

import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryException;

/**
 * The life of a job's {@code main}: build the session, start the job's queries, wait until every
 * query has ended (an {@code available-now} run drained, or a failure, which is rethrown so the
 * process exits non-zero and its supervisor restarts it), stop the session.
 */
public final class LakehouseJob {

  private LakehouseJob() {}

  public static void run(String appName, LakehouseConfig lakehouse, Consumer<SparkSession> start)
      throws StreamingQueryException {
    SparkSession spark = SparkSessions.lakehouseSession(appName, lakehouse, Map.of());
    try {
      start.accept(spark);
      while (spark.streams().active().length > 0) {
        spark.streams().awaitAnyTermination();
        spark.streams().resetTerminated();
      }
    } finally {
      spark.stop();
    }
  }
}
