package io.cryptolakehouse.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Where each query's micro-batches spend their time, from Spark's own progress reports: how many
 * batches ran and their median wall time, split into the phases Spark times ({@code addBatch} is
 * our {@code foreachBatch} — parse, MERGEs, commits; {@code queryPlanning}, {@code latestOffset}
 * and {@code walCommit} are the engine's own per-batch work). A batch that read nothing is not
 * counted: an idle trigger costs only the offset check.
 */
final class BatchTimes extends StreamingQueryListener {

  private static final List<String> PHASES =
      List.of("triggerExecution", "addBatch", "queryPlanning", "latestOffset", "walCommit");

  private final Map<String, List<Map<String, Long>>> byQuery = new ConcurrentHashMap<>();

  static BatchTimes listenTo(SparkSession spark) {
    BatchTimes times = new BatchTimes();
    spark.streams().addListener(times);
    return times;
  }

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    StreamingQueryProgress progress = event.progress();
    if (progress.numInputRows() > 0 && progress.name() != null) {
      byQuery
          .computeIfAbsent(progress.name(), q -> Collections.synchronizedList(new ArrayList<>()))
          .add(Map.copyOf(progress.durationMs()));
    }
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {}

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {}

  /** Per query: batches, and the median of each phase in seconds. */
  void addTo(Figures figures) {
    byQuery.forEach(
        (query, batches) -> {
          String name = query.replace('-', '_');
          List<Map<String, Long>> copy;
          synchronized (batches) {
            copy = List.copyOf(batches);
          }
          figures.add(name + "_batches", (long) copy.size(), "batches", "that read rows");
          for (String phase : PHASES) {
            figures.add(name + "_" + phase + "_p50", median(copy, phase) / 1000.0, "s");
          }
        });
  }

  private static double median(List<Map<String, Long>> batches, String phase) {
    double[] values =
        batches.stream().mapToDouble(b -> b.getOrDefault(phase, 0L)).sorted().toArray();
    return values.length == 0 ? 0 : values[values.length / 2];
  }
}
