package io.cryptolakehouse.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;

/** What the jobs' integration tests share: a lakehouse session, waiting, simulated crashes. */
public final class StreamingTests {

  private StreamingTests() {}

  /** A {@code local[2]} session with the lakehouse catalog, UI off, few shuffle partitions. */
  public static SparkSession lakehouseSession(String name, LakehouseConfig lakehouse) {
    return SparkSessions.lakehouseSession(
        name,
        lakehouse,
        Map.of(
            "spark.master", "local[2]",
            "spark.ui.enabled", "false",
            "spark.sql.shuffle.partitions", "2"));
  }

  /** Waits for queries started with the {@code available-now} trigger to drain and stop. */
  public static void awaitAll(List<StreamingQuery> queries) throws StreamingQueryException {
    for (StreamingQuery query : queries) {
      query.awaitTermination();
    }
  }

  public static void stop(StreamingQuery query) {
    try {
      query.stop();
    } catch (TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Simulates a crash after a batch's output was committed but before the checkpoint recorded it:
   * deletes the query's last commit-log entry, so the next start replays that batch.
   */
  public static void forgetLastCommit(String checkpointDir) throws IOException {
    Path commits = Path.of(checkpointDir, "commits");
    Path last;
    try (Stream<Path> files = Files.list(commits)) {
      last =
          files
              .filter(p -> p.getFileName().toString().matches("\\d+"))
              .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString())))
              .orElseThrow(() -> new IllegalStateException("No committed batch in " + commits));
    }
    Files.delete(last);
    Files.deleteIfExists(commits.resolve("." + last.getFileName() + ".crc"));
  }
}
