package io.cryptolakehouse.bench;

import io.cryptolakehouse.bronze.BronzeConfig;
import io.cryptolakehouse.local.support.Layer;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.model.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ingest}: the prices topic preloaded with producer-shaped messages, read by Kafka's own
 * consumer benchmark (the ceiling, before and after, as the machine's speed drifts) and ingested by
 * the Bronze job; the headline is Bronze's rate over the better of the two raw rates.
 */
final class IngestBench {

  private static final Logger log = LoggerFactory.getLogger(IngestBench.class);

  /** As the producer creates it; the producer's key (the requested ids) puts all in one. */
  static final int PARTITIONS = 3;

  private IngestBench() {}

  static boolean run(BenchOptions options, BenchLakehouse lakehouse, Figures figures)
      throws Exception {
    long m = options.messages();
    String topic = Topics.PRICES_RAW;
    figures
        .configure("messages", m)
        .configure("coins_per_message", options.coins())
        .configure("topic_partitions", PARTITIONS)
        .configure("bronze_trigger", "available-now, one query per topic, as BronzeIngestJob");
    TopicLoad.createTopic(lakehouse.bootstrap(), topic, PARTITIONS);
    // Thirty-second snapshots ending now, as the producer would have published them.
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30 * m);
    PriceMessages messages =
        new PriceMessages(options.coins(), start, java.time.Duration.ofSeconds(30), options.seed());
    log.info("Loading {} messages into {}", m, topic);
    TopicLoad.Loaded loaded = TopicLoad.load(lakehouse.bootstrap(), topic, messages, m);
    figures
        .add("message_size_avg", (double) loaded.valueBytes() / m, "bytes")
        .add("preload_rate", loaded.recordsPerSecond(), "msg/s", "KafkaProducer, acks=all, zstd");
    Path logs = options.dataDir().resolve("logs");
    KafkaCeiling.Read before =
        KafkaCeiling.measure(lakehouse.bootstrap(), topic, m, logs.resolve("ceiling-1.log"));
    // A first pass, not compared: the JIT compiles the read, conversion and write paths during
    // it, so it ran 30-40 % slower than the same pass run again, whichever settings came first.
    BenchLakehouse.LayerRun warmUp = lakehouse.drain(Layer.BRONZE);
    lakehouse.reset(Layer.BRONZE);
    BenchLakehouse.LayerRun bronze = lakehouse.drain(Layer.BRONZE);
    long rows = lakehouse.rows(Tables.BRONZE_TICKS_RAW);
    // The same again read by one task, as Spark reads a Kafka partition unless told otherwise:
    // the producer's key puts the whole backlog in one partition, which the defaults split over
    // every core.
    lakehouse.reset(Layer.BRONZE);
    BenchLakehouse.LayerRun oneTask =
        lakehouse.drain(Layer.BRONZE, Map.of(BronzeConfig.MIN_PARTITIONS, "1"));
    long oneTaskRows = lakehouse.rows(Tables.BRONZE_TICKS_RAW);
    KafkaCeiling.Read after =
        KafkaCeiling.measure(lakehouse.bootstrap(), topic, m, logs.resolve("ceiling-2.log"));
    double raw = Math.max(before.fetchRecordsPerSecond(), after.fetchRecordsPerSecond());
    double bronzeRate = m / seconds(bronze.inBatches().toMillis());
    double oneTaskRate = m / seconds(oneTask.inBatches().toMillis());
    figures
        .configure("bronze_read_tasks", "defaults: one per core at least")
        .add(
            "raw_read_before",
            before.fetchRecordsPerSecond(),
            "msg/s",
            "ConsumerPerformance fetch rate")
        .add("raw_read_after", after.fetchRecordsPerSecond(), "msg/s", "same, after Bronze")
        .add("raw_read_volume", raw * before.megabytes() / Math.max(1, before.records()), "MB/s")
        .add(
            "bronze_warm_up_rate",
            m / seconds(warmUp.inBatches().toMillis()),
            "msg/s",
            "defaults, first pass (not compared)")
        .add("bronze_rate", bronzeRate, "msg/s", "defaults; time in batches")
        .add(
            "bronze_rate_wall",
            m / seconds(bronze.wall().toMillis()),
            "msg/s",
            "incl. query start and first-batch planning")
        .add("bronze_one_task_rate", oneTaskRate, "msg/s", "min-partitions=1")
        .add("ratio_bronze_to_raw", bronzeRate / raw, "", "defaults; goal >= 0.25")
        .add("ratio_bronze_one_task_to_raw", oneTaskRate / raw, "", "min-partitions=1")
        .add("bronze_rows", rows, "rows", rows == m ? "= messages" : "!= messages " + m)
        .add(
            "bronze_one_task_rows",
            oneTaskRows,
            "rows",
            oneTaskRows == m ? "= messages" : "!= " + m);
    return rows == m && oneTaskRows == m;
  }

  static double seconds(double millis) {
    return Math.max(millis, 1) / 1000.0;
  }
}
