package io.cryptolakehouse.bench;

import io.cryptolakehouse.embedded.EmbeddedLakehouse;
import io.cryptolakehouse.local.support.DirectoryTrees;
import io.cryptolakehouse.local.support.Layer;
import io.cryptolakehouse.local.support.LocalSessions;
import io.cryptolakehouse.local.support.SnapshotRows;
import io.cryptolakehouse.model.TableId;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.spark.JobSettings;
import io.cryptolakehouse.spark.SparkSessions;
import io.cryptolakehouse.spark.StreamSettings;
import io.cryptolakehouse.spark.StreamTrigger;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * The embedded stack and one Spark session in this process, and a layer's own queries (the code
 * spark-submit runs) started with the {@code available-now} trigger: drain what is there, stop.
 */
final class BenchLakehouse implements AutoCloseable {

  /**
   * One layer's drain: wall time (query start to end), time inside the batches that read rows,
   * those batches, rows read.
   */
  record LayerRun(String layer, Duration wall, Duration inBatches, int batches, long inputRows) {}

  private final EmbeddedLakehouse stack;
  private final SparkSession spark;
  private final Path checkpoints;
  private final SnapshotRows snapshotRows;
  private final Map<String, String> profile;

  /**
   * @param profile job settings ({@code --conf}) every layer runs with (its {@code spark.sql.*}
   *     keys go to the session instead); a measurement's own settings (such as ingest's split run)
   *     come on top
   */
  BenchLakehouse(Path dataDir, Map<String, String> profile) {
    this.profile = withoutSession(profile);
    this.stack = EmbeddedLakehouse.start(dataDir, EmbeddedLakehouse.Ports.any());
    this.checkpoints = dataDir.resolve("checkpoints");
    Map<String, String> extra = LocalSessions.common();
    extra.put("spark.ui.enabled", "false");
    // As run-local's pipeline session: a few shuffle partitions for two cores, not 200.
    extra.put("spark.sql.shuffle.partitions", "4");
    // Every batch's progress of a long drain, not only the last 100.
    extra.put("spark.sql.streaming.numRecentProgressUpdates", "100000");
    profile.forEach(
        (key, value) -> {
          if (key.startsWith(BenchOptions.SESSION_PREFIX)) {
            extra.put(key, value);
          }
        });
    this.spark = SparkSessions.lakehouseSession("run-bench", stack.lakehouse(), extra);
    this.snapshotRows = new SnapshotRows(spark, stack.lakehouse().catalog());
  }

  private static Map<String, String> withoutSession(Map<String, String> profile) {
    Map<String, String> jobs = new HashMap<>(profile);
    jobs.keySet().removeIf(key -> key.startsWith(BenchOptions.SESSION_PREFIX));
    return Map.copyOf(jobs);
  }

  String bootstrap() {
    return stack.kafka().bootstrapServers();
  }

  SparkSession spark() {
    return spark;
  }

  String catalog() {
    return stack.lakehouse().catalog();
  }

  Path checkpoints() {
    return checkpoints;
  }

  /** Rows in a table's current snapshot (0 when it has none). */
  long rows(TableId table) {
    Long rows = snapshotRows.rows(table);
    return rows == null ? 0 : rows;
  }

  /**
   * Empties layers for a new measurement: their tables dropped (with their files) and their
   * queries' checkpoints deleted. The metastore is one per JVM, so sizes share one stack.
   */
  void reset(Layer... layers) throws IOException {
    for (Layer layer : layers) {
      for (TableId table : Tables.ALL) {
        if (table.namespace().equals(layer.id())) {
          spark.sql("DROP TABLE IF EXISTS " + table.qualifiedIn(catalog()) + " PURGE");
        }
      }
      for (String query : layer.queries()) {
        DirectoryTrees.delete(checkpoints.resolve(query));
      }
    }
  }

  /** Starts a layer's queries with a processing-time trigger; they run until stopped. */
  List<StreamingQuery> stream(String trigger, Layer layer) {
    return layer.start(spark, settings(trigger));
  }

  /** The jobs' settings on this stack, with the profile: what a maintenance run reads too. */
  JobSettings jobSettings() {
    return settings(StreamTrigger.AVAILABLE_NOW);
  }

  private JobSettings settings(String trigger) {
    return settings(trigger, Map.of());
  }

  private JobSettings settings(String trigger, Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(stack.jobSettings());
    settings.putAll(profile);
    settings.putAll(extra);
    settings.put(StreamSettings.CHECKPOINT_DIR, checkpoints.toUri().toString());
    settings.put(StreamSettings.TRIGGER, trigger);
    return JobSettings.of(settings);
  }

  /** Starts a layer's queries with {@code available-now} and waits until they have drained. */
  LayerRun drain(Layer layer) throws StreamingQueryException {
    return drain(layer, Map.of());
  }

  /** The same, with settings of the layer's own ({@code spark.crypto.*}) added. */
  LayerRun drain(Layer layer, Map<String, String> extra) throws StreamingQueryException {
    long began = System.nanoTime();
    List<StreamingQuery> queries = layer.start(spark, settings(StreamTrigger.AVAILABLE_NOW, extra));
    for (StreamingQuery query : queries) {
      query.awaitTermination();
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - began);
    long inBatches = 0;
    long rows = 0;
    int batches = 0;
    for (StreamingQuery query : queries) {
      for (StreamingQueryProgress p : query.recentProgress()) {
        // Only batches that read rows: the layer's other queries (Bronze's markets query over an
        // empty topic) plan and run their empty batches beside the measured one.
        if (p.numInputRows() > 0) {
          Long trigger = p.durationMs().get("triggerExecution");
          inBatches += trigger == null ? 0 : trigger;
          rows += p.numInputRows();
          batches++;
        }
      }
    }
    return new LayerRun(layer.id(), wall, Duration.ofMillis(inBatches), batches, rows);
  }

  @Override
  public void close() throws IOException {
    spark.stop();
    stack.close();
    // Hadoop caches one S3A client per bucket for the JVM's life: the next stack's S3 server
    // listens on another port, so the old client must go.
    FileSystem.closeAll();
  }
}
