package io.cryptolakehouse.maintenance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptolakehouse.bronze.BronzeConfig;
import io.cryptolakehouse.bronze.BronzeIngest;
import io.cryptolakehouse.embedded.EmbeddedLakehouse;
import io.cryptolakehouse.gold.GoldAggregate;
import io.cryptolakehouse.gold.GoldConfig;
import io.cryptolakehouse.model.Topics;
import io.cryptolakehouse.model.envelope.ApiEnvelope;
import io.cryptolakehouse.silver.SilverConfig;
import io.cryptolakehouse.silver.SilverTransform;
import io.cryptolakehouse.spark.JobSettings;
import io.cryptolakehouse.spark.StreamHistory;
import io.cryptolakehouse.spark.StreamSettings;
import io.cryptolakehouse.spark.StreamingTests;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The real Bronze, Silver and Gold queries on the embedded stack, fed producer-shaped messages (a
 * replay source, so observations of any age are accepted), and maintenance settings that point at
 * the same checkpoints.
 */
final class PipelineFixture {

  private static final ObjectMapper JSON = new ObjectMapper();

  final EmbeddedLakehouse stack;
  final SparkSession spark;
  final Path checkpoints;
  private final KafkaProducer<String, String> producer;

  PipelineFixture(EmbeddedLakehouse stack, SparkSession spark) {
    this.stack = stack;
    this.spark = spark;
    this.checkpoints = stack.dataDir().resolve("checkpoints");
    this.producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", stack.kafka().bootstrapServers(), "acks", "all"),
            new StringSerializer(),
            new StringSerializer());
  }

  /** Publishes one /simple/price response quoting each coin at {@code at}; returns its offset. */
  long publish(List<String> coins, Instant at, String usd) throws Exception {
    StringBuilder body = new StringBuilder("{");
    for (String coin : coins) {
      body.append(body.length() > 1 ? "," : "")
          .append(
              "\"%s\":{\"usd\":%s,\"usd_24h_vol\":1000.5,\"last_updated_at\":%d}"
                  .formatted(coin, usd, at.getEpochSecond()));
    }
    String envelope =
        JSON.writeValueAsString(
            new ApiEnvelope(
                1,
                "replay",
                "coingecko_v3",
                "/simple/price",
                coins,
                200,
                at.toString(),
                false,
                body.append('}').toString()));
    return producer
        .send(new ProducerRecord<>(Topics.PRICES_RAW, 0, String.join(",", coins), envelope))
        .get()
        .offset();
  }

  Map<String, String> settings(String trigger) {
    Map<String, String> settings = new HashMap<>(stack.jobSettings());
    settings.put(StreamSettings.TRIGGER, trigger);
    settings.put(StreamSettings.CHECKPOINT_DIR, checkpoints.toString());
    // The tests expire Silver's history before the pipeline's first run on purpose; the readers'
    // guard against starting over an expired history is tested in SilverTransformIT.
    settings.put(StreamHistory.ALLOW_PARTIAL_HISTORY, "true");
    return settings;
  }

  /** Starts Bronze, Silver and Gold with {@code trigger}. */
  List<StreamingQuery> start(String trigger) {
    JobSettings s = JobSettings.of(settings(trigger));
    List<StreamingQuery> queries = new ArrayList<>(BronzeIngest.start(spark, BronzeConfig.from(s)));
    queries.add(SilverTransform.start(spark, SilverConfig.from(s)));
    queries.addAll(GoldAggregate.start(spark, GoldConfig.from(s)));
    return queries;
  }

  /** Each layer once over everything available, in order. */
  void runOnce() throws Exception {
    JobSettings s = JobSettings.of(settings("available-now"));
    StreamingTests.awaitAll(BronzeIngest.start(spark, BronzeConfig.from(s)));
    SilverTransform.start(spark, SilverConfig.from(s)).awaitTermination();
    StreamingTests.awaitAll(GoldAggregate.start(spark, GoldConfig.from(s)));
  }

  /** Settings that maintain aggressively: every small-file partition, every old snapshot. */
  MaintenanceSettings aggressive(Duration snapshotRetention) {
    return new MaintenanceSettings(
        "lakehouse",
        checkpoints.toString(),
        snapshotRetention,
        1,
        MaintenanceSettings.DEFAULT_MAX_SNAPSHOTS,
        Duration.ofDays(3),
        Duration.ofDays(30),
        2,
        2,
        MaintenanceSettings.DEFAULT_CANDLE_RETENTION);
  }

  void close() {
    producer.close();
  }
}
