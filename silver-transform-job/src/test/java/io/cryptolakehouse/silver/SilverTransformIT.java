package io.cryptolakehouse.silver;

import static io.cryptolakehouse.silver.BronzeFixtures.LAST_UPDATED;
import static io.cryptolakehouse.silver.BronzeFixtures.envelopeJson;
import static io.cryptolakehouse.silver.BronzeFixtures.quote;
import static io.cryptolakehouse.silver.BronzeFixtures.sample;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cryptolakehouse.bronze.BronzeConfig;
import io.cryptolakehouse.bronze.BronzeIngest;
import io.cryptolakehouse.embedded.EmbeddedLakehouse;
import io.cryptolakehouse.embedded.EmbeddedLakehouseExtension;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.spark.JobSettings;
import io.cryptolakehouse.spark.StreamHistory;
import io.cryptolakehouse.spark.StreamSettings;
import io.cryptolakehouse.spark.StreamingTests;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Producer-shaped messages through Kafka, the Bronze job and the Silver job on the real embedded
 * servers. Tests share one pipeline (topic, tables, checkpoints) and tell their data apart by coin
 * ids unique to each test.
 */
@ExtendWith(EmbeddedLakehouseExtension.class)
class SilverTransformIT {

  private static SparkSession spark;
  private static EmbeddedLakehouse stack;
  private static Map<String, String> settings;

  @BeforeAll
  static void start(EmbeddedLakehouse lakehouse) {
    stack = lakehouse;
    spark = StreamingTests.lakehouseSession("silver-it", stack.lakehouse());
    settings = new HashMap<>(stack.jobSettings());
    settings.put(StreamSettings.TRIGGER, "available-now");
    settings.put(StreamSettings.CHECKPOINT_DIR, stack.dataDir().resolve("checkpoints").toString());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void turnsProducerMessagesIntoExactSilverAndQuarantineRows() throws Exception {
    String a = coin("a");
    String b = coin("b");
    List<Long> offsets = new ArrayList<>();
    offsets.add(
        publish(
            envelopeJson(
                "coingecko",
                "/simple/price",
                "{\"%s\":{\"usd\":1.5,\"usd_24h_vol\":1e10,\"last_updated_at\":%d},\"%s\":{\"usd\":-1,\"last_updated_at\":%d}}"
                    .formatted(a, LAST_UPDATED, b, LAST_UPDATED))));
    offsets.add(
        publish(
            envelopeJson(
                "coingecko", "/simple/price", quote(a, "1.5", LAST_UPDATED)))); // cached repeat
    offsets.add(
        publish(
            envelopeJson(
                "coingecko", "/simple/price", quote(a, "2.02027e-10", LAST_UPDATED + 30))));
    offsets.add(publish("garbage " + a));
    offsets.add(
        publish(
            envelopeJson(
                "coingecko",
                "/simple/price",
                sample("09_error_429_rate_limit_body_cryptotracker.json"))));

    runPipeline();

    List<Row> clean =
        silver().filter(col("crypto_symbol").equalTo(a)).orderBy("api_timestamp").collectAsList();
    assertThat(clean).hasSize(2);
    assertThat(clean.get(0).<BigDecimal>getAs("price_usd")).isEqualByComparingTo("1.5");
    assertThat(clean.get(0).<BigDecimal>getAs("volume_24h")).isEqualByComparingTo("10000000000");
    assertThat(clean.get(0).<Long>getAs("bronze_offset")).isEqualTo(offsets.get(0));
    assertThat(clean.get(1).<BigDecimal>getAs("price_usd"))
        .isEqualByComparingTo("0.000000000202027");
    assertThat(rejectedAt(offsets))
        .containsExactlyInAnyOrder(
            offsets.get(0) + " " + b + " non_positive_price",
            offsets.get(3) + " null envelope_not_json",
            offsets.get(4) + " null api_error_body");
    assertThat(unaccounted(offsets)).isEmpty();
  }

  @Test
  void resumesAfterAStopMidStreamWithoutDuplicates() throws Exception {
    String c = coin("c");
    List<Long> offsets = new ArrayList<>();
    for (int round = 0; round < 4; round++) { // several Bronze commits = several files to stream
      for (int i = 0; i < 5; i++) {
        offsets.add(
            publish(
                envelopeJson(
                    "coingecko",
                    "/simple/price",
                    quote(c, "1" + i, LAST_UPDATED + 10L * (round * 5 + i)))));
      }
      runBronze();
    }
    Map<String, String> throttled = new HashMap<>(settings);
    throttled.put(StreamSettings.TRIGGER, "100 milliseconds");
    throttled.put(SilverConfig.MAX_ROWS_PER_BATCH, "5");
    StreamingQuery query =
        SilverTransform.start(spark, SilverConfig.from(JobSettings.of(throttled)));
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> query.lastProgress() != null && query.lastProgress().batchId() >= 1);
    query.stop();
    assertThat(query.recentProgress()) // one Bronze commit of 5 messages per batch, not all 20
        .allSatisfy(p -> assertThat(p.numInputRows()).isLessThanOrEqualTo(5));

    runSilver();

    assertThat(silver().filter(col("crypto_symbol").equalTo(c)).count()).isEqualTo(20);
    assertThat(
            silver()
                .filter(col("crypto_symbol").equalTo(c))
                .select("api_timestamp")
                .distinct()
                .count())
        .isEqualTo(20);
    assertThat(unaccounted(offsets)).isEmpty();
  }

  /**
   * A later batch bringing another price under a key Silver already holds: Silver keeps the stored
   * row, the quarantine records the other price and the row it lost to, and a replay of that batch
   * records it once.
   */
  @Test
  void aConflictWithAnEarlierBatchIsQuarantinedNotDropped() throws Exception {
    String e = coin("e");
    long kept = publish(envelopeJson("coingecko", "/simple/price", quote(e, "100", LAST_UPDATED)));
    runPipeline();
    long other =
        publish(envelopeJson("coingecko", "/simple/price", quote(e, "100.5", LAST_UPDATED)));
    long same = publish(envelopeJson("coingecko", "/simple/price", quote(e, "100", LAST_UPDATED)));
    runPipeline();
    StreamingTests.forgetLastCommit(
        stack.dataDir().resolve("checkpoints").resolve(SilverTransform.QUERY).toString());
    runSilver();

    List<Row> clean = silver().filter(col("crypto_symbol").equalTo(e)).collectAsList();
    assertThat(clean).hasSize(1);
    assertThat(clean.get(0).<BigDecimal>getAs("price_usd")).isEqualByComparingTo("100");
    assertThat(clean.get(0).<Long>getAs("bronze_offset")).isEqualTo(kept);
    assertThat(rejectedAt(List.of(kept, other, same)))
        .containsExactly(other + " " + e + " " + ObservationParser.CONFLICT);
    Row conflict = rejected().filter(col("bronze_offset").equalTo(other)).first();
    assertThat(conflict.<String>getAs("detail"))
        .startsWith("conflicts with the observation Silver holds from Bronze 0/" + kept)
        .contains("usd 100.5");
    // Valid until judged against Silver, so its text was read again from its message.
    assertThat(conflict.<String>getAs("rejected_record"))
        .isEqualTo(BronzeFixtures.coinValue(e, "100.5", LAST_UPDATED));
    assertThat(unaccounted(List.of(kept, other, same))).isEmpty();
  }

  /** foreachBatch is at-least-once: a batch replayed after a crash must insert nothing twice. */
  @Test
  void aReplayedBatchInsertsNothingTwice() throws Exception {
    String d = coin("d");
    publish(envelopeJson("coingecko", "/simple/price", quote(d, "7", LAST_UPDATED)));
    publish("not json " + d);
    runPipeline();
    long clean = silver().count();
    long rejected = rejected().count();
    StreamingTests.forgetLastCommit(
        stack.dataDir().resolve("checkpoints").resolve(SilverTransform.QUERY).toString());

    runSilver();

    assertThat(silver().count()).isEqualTo(clean);
    assertThat(rejected().count()).isEqualTo(rejected);
  }

  /** Gold streams from Silver: every Silver commit must be an append an Iceberg stream reads. */
  @Test
  void aReaderWithoutCheckpointRefusesASourceWhoseHistoryWasExpired() throws Exception {
    String table = "lakehouse.bronze.expired_history_probe";
    spark.sql("CREATE TABLE " + table + " (n INT) USING iceberg");
    for (int n = 1; n <= 3; n++) {
      spark.sql("INSERT INTO " + table + " VALUES (" + n + ")");
    }
    StreamSettings fresh =
        new StreamSettings(
            stack.dataDir().resolve("probe-checkpoints").toString(), "available-now", false);
    // Whole history: a new reader reads every row.
    StreamHistory.requireWhole(spark, table, SilverTransform.QUERY, fresh);

    org.apache.iceberg.Table probe =
        org.apache.iceberg.spark.Spark3Util.loadIcebergTable(spark, table);
    probe
        .expireSnapshots()
        .expireOlderThan(probe.currentSnapshot().timestampMillis())
        .retainLast(1)
        .commit();

    assertThatThrownBy(() -> StreamHistory.requireWhole(spark, table, SilverTransform.QUERY, fresh))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("silver-prices starts without a checkpoint")
        .hasMessageContaining("was expired by maintenance")
        .hasMessageContaining(StreamHistory.ALLOW_PARTIAL_HISTORY);
    // A query that has a checkpoint resumes from its own position, which maintenance keeps.
    java.nio.file.Path offsets =
        stack
            .dataDir()
            .resolve("probe-checkpoints")
            .resolve(SilverTransform.QUERY)
            .resolve("offsets");
    java.nio.file.Files.createDirectories(offsets);
    java.nio.file.Files.writeString(offsets.resolve("0"), "v1");
    StreamHistory.requireWhole(spark, table, SilverTransform.QUERY, fresh);
  }

  @Test
  void silverAndQuarantineOnlyEverAppend() throws Exception {
    String e = coin("e");
    publish(envelopeJson("coingecko", "/simple/price", quote(e, "3", LAST_UPDATED)));
    runPipeline();
    publish(envelopeJson("coingecko", "/simple/price", quote(e, "3", LAST_UPDATED))); // duplicate
    runPipeline();

    for (String table :
        List.of(Tables.SILVER_PRICES_CLEAN.toString(), Tables.SILVER_PRICES_REJECTED.toString())) {
      List<String> operations =
          spark
              .sql("SELECT DISTINCT operation FROM " + table + ".snapshots")
              .as(org.apache.spark.sql.Encoders.STRING())
              .collectAsList();
      assertThat(operations).as(table).containsOnly("append");
    }
  }

  // --- helpers ---------------------------------------------------------------------------

  private static String coin(String name) {
    return "it-" + name + "-" + UUID.randomUUID().toString().substring(0, 6);
  }

  private static long publish(String value) throws Exception {
    Map<String, Object> config =
        Map.of("bootstrap.servers", stack.kafka().bootstrapServers(), "acks", "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      return producer.send(new ProducerRecord<>("crypto.prices.raw", 0, "k", value)).get().offset();
    }
  }

  private static void runPipeline() throws Exception {
    runBronze();
    runSilver();
  }

  private static void runBronze() throws Exception {
    StreamingTests.awaitAll(BronzeIngest.start(spark, BronzeConfig.from(JobSettings.of(settings))));
  }

  private static void runSilver() throws Exception {
    SilverTransform.start(spark, SilverConfig.from(JobSettings.of(settings))).awaitTermination();
  }

  private static Dataset<Row> silver() {
    return spark.table(Tables.SILVER_PRICES_CLEAN.toString());
  }

  private static Dataset<Row> rejected() {
    return spark.table(Tables.SILVER_PRICES_REJECTED.toString());
  }

  private static List<String> rejectedAt(List<Long> offsets) {
    return rejected().filter(col("bronze_offset").isin(offsets.toArray())).collectAsList().stream()
        .map(BronzeFixtures::rejection)
        .toList();
  }

  /**
   * Bronze rows of these offsets that show up neither in the quarantine nor, by observation key, in
   * Silver.
   */
  private static List<Long> unaccounted(List<Long> offsets) {
    Dataset<Row> bronze =
        spark
            .table(Tables.BRONZE_TICKS_RAW.toString())
            .filter(
                col("kafka_partition").equalTo(0).and(col("kafka_offset").isin(offsets.toArray())));
    Dataset<Row> classified = ObservationParser.classify(bronze, Duration.ofMinutes(5));
    Dataset<Row> keys = silver().select("crypto_symbol", "api_timestamp");
    Dataset<Row> inSilver =
        classified
            .filter("rule IS NULL")
            .join(
                keys,
                classified
                    .col("crypto_symbol")
                    .equalTo(keys.col("crypto_symbol"))
                    .and(classified.col("api_timestamp").equalTo(keys.col("api_timestamp"))),
                "left_semi")
            .select(col("bronze_offset"));
    Dataset<Row> inQuarantine =
        rejected().filter(col("bronze_partition").equalTo(0)).select(col("bronze_offset"));
    List<Long> accounted =
        inSilver
            .union(inQuarantine)
            .distinct()
            .as(org.apache.spark.sql.Encoders.LONG())
            .collectAsList();
    return offsets.stream().filter(o -> !accounted.contains(o)).toList();
  }
}
