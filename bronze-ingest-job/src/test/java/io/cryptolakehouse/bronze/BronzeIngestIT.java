package io.cryptolakehouse.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cryptolakehouse.embedded.EmbeddedLakehouse;
import io.cryptolakehouse.embedded.EmbeddedLakehouseExtension;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.spark.JobSettings;
import io.cryptolakehouse.spark.StreamSettings;
import io.cryptolakehouse.spark.StreamingTests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.LockComponent;
import org.apache.hadoop.hive.metastore.api.LockLevel;
import org.apache.hadoop.hive.metastore.api.LockRequest;
import org.apache.hadoop.hive.metastore.api.LockResponse;
import org.apache.hadoop.hive.metastore.api.LockState;
import org.apache.hadoop.hive.metastore.api.LockType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bronze on the real servers: Kafka (KRaft) to Iceberg through the Hive Metastore, data on S3.
 * Every test uses its own topics and table-less checkpoint, and reads the tables back through the
 * metastore to count exactly which (partition, offset) pairs landed.
 */
@ExtendWith(EmbeddedLakehouseExtension.class)
class BronzeIngestIT {

  private static final int PARTITIONS = 3;
  private static SparkSession spark;
  private static EmbeddedLakehouse stack;

  @BeforeAll
  static void startSpark(EmbeddedLakehouse lakehouse) {
    stack = lakehouse;
    spark = StreamingTests.lakehouseSession("bronze-it", stack.lakehouse());
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void ingestsEveryRecordExactlyOnceWhateverItContains() throws Exception {
    Topics topics = newTopics();
    Set<String> published = new HashSet<>();
    published.addAll(publish(topics.prices, validAndOddValues()));
    published.addAll(publish(topics.markets, List.of("[{\"id\":\"bitcoin\",\"symbol\":\"btc\"}]")));

    runToCompletion(config(topics, Map.of()));

    assertThat(coordinates(topics.prices))
        .containsExactlyInAnyOrderElementsOf(only(published, topics.prices));
    assertThat(coordinates(topics.markets))
        .containsExactlyInAnyOrderElementsOf(only(published, topics.markets));
    assertThat(payloadsOf(topics.prices)).containsExactlyInAnyOrderElementsOf(validAndOddValues());
  }

  /**
   * A catch-up of tens of MB in one batch (the default cap) lands as several files of about the
   * tables' target size, not one file per task: Silver plans whole files, so its row cap holds.
   */
  @Test
  void aLargeBatchIsWrittenAsFilesOfBoundedSize() throws Exception {
    Topics topics = newTopics();
    int messages = 24_000;
    publishQuickly(topics.prices, messages, 2_000);
    String table = tableFor(topics.prices);
    long before = spark.sql("SELECT count(*) FROM " + table + ".snapshots").first().getLong(0);

    runToCompletion(config(topics, Map.of()));

    List<Row> added =
        spark
            .sql(
                "SELECT data_file.file_size_in_bytes, data_file.record_count FROM "
                    + table
                    + ".entries WHERE status = 1 AND snapshot_id IN (SELECT snapshot_id FROM "
                    + table
                    + ".snapshots ORDER BY committed_at LIMIT 1000 OFFSET "
                    + before
                    + ")")
            .collectAsList();
    assertThat(spark.sql("SELECT count(*) FROM " + table + ".snapshots").first().getLong(0))
        .as("one batch")
        .isEqualTo(before + 1);
    assertThat(added.stream().mapToLong(r -> r.getLong(1)).sum()).isEqualTo(messages);
    assertThat(added)
        .as("more files than the batch's %d tasks", PARTITIONS)
        .hasSizeGreaterThan(PARTITIONS);
    // The writer checks its size every thousand rows, so a file may pass the target by that much.
    assertThat(added).allSatisfy(r -> assertThat(r.getLong(0)).isLessThan(12L << 20));
  }

  /**
   * The producer's key puts a whole backlog in one Kafka partition; a batch of it is still read by
   * every core (each reading task writes its own file), unless one task per partition is asked for.
   */
  @Test
  void aBacklogInOnePartitionIsReadByEveryCore() throws Exception {
    int cores = spark.sparkContext().defaultParallelism();
    assertThat(cores).as("the test session's cores").isGreaterThan(1);

    assertThat(filesOfOneBatchFromOnePartition(Map.of())).isEqualTo(cores);
    assertThat(filesOfOneBatchFromOnePartition(Map.of(BronzeConfig.MIN_PARTITIONS, "1")))
        .isEqualTo(1);
  }

  private static long filesOfOneBatchFromOnePartition(Map<String, String> overrides)
      throws Exception {
    Topics topics = newTopics();
    publish(topics.prices, values("one-partition", 40), i -> 0);
    String table = tableFor(topics.prices);
    long before = spark.sql("SELECT count(*) FROM " + table + ".snapshots").first().getLong(0);

    runToCompletion(config(topics, overrides));

    assertThat(spark.sql("SELECT count(*) FROM " + table + ".snapshots").first().getLong(0))
        .as("one batch")
        .isEqualTo(before + 1);
    return spark
        .sql(
            "SELECT count(*) FROM "
                + table
                + ".entries WHERE status = 1 AND snapshot_id = (SELECT snapshot_id FROM "
                + table
                + ".snapshots ORDER BY committed_at DESC LIMIT 1)")
        .first()
        .getLong(0);
  }

  @Test
  void runningTwiceOverTheSameDataAddsNothing() throws Exception {
    Topics topics = newTopics();
    List<String> published = publish(topics.prices, values("a", 30));
    BronzeConfig config = config(topics, Map.of());

    runToCompletion(config);
    runToCompletion(config);

    assertThat(coordinates(topics.prices))
        .hasSize(30)
        .containsExactlyInAnyOrderElementsOf(published);
  }

  @Test
  void resumesFromItsCheckpointAfterAStopMidStream() throws Exception {
    Topics topics = newTopics();
    List<String> published = new ArrayList<>(publish(topics.prices, values("first", 60)));
    BronzeConfig throttled =
        config(
            topics,
            Map.of(
                StreamSettings.TRIGGER, "200 milliseconds",
                BronzeConfig.MAX_OFFSETS_PER_TRIGGER, "9"));

    List<StreamingQuery> queries = BronzeIngest.start(spark, throttled);
    StreamingQuery prices = queries.get(0);
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> prices.lastProgress() != null && prices.lastProgress().batchId() >= 1);
    queries.forEach(StreamingTests::stop);
    assertThat(coordinates(topics.prices).size()).isBetween(1, 59);

    published.addAll(publish(topics.prices, values("second", 20)));
    runToCompletion(config(topics, Map.of()));

    assertThat(coordinates(topics.prices))
        .hasSize(80)
        .containsExactlyInAnyOrderElementsOf(published);
  }

  /**
   * The crash that matters: Iceberg committed a batch but the checkpoint did not record it. The
   * restarted query replays that batch; Iceberg's sink sees the epoch in its snapshots and skips
   * it.
   */
  @Test
  void replayOfABatchCommittedToIcebergButNotToTheCheckpointAddsNothing() throws Exception {
    Topics topics = newTopics();
    List<String> published = publish(topics.prices, values("replayed", 25));
    BronzeConfig config = config(topics, Map.of());
    runToCompletion(config);
    StreamingTests.forgetLastCommit(config.stream().checkpointFor(BronzeIngest.PRICES_QUERY));

    runToCompletion(config);

    assertThat(coordinates(topics.prices))
        .hasSize(25)
        .containsExactlyInAnyOrderElementsOf(published);
  }

  /**
   * A writer killed during a commit can leave its Hive lock behind. Our tables commit by
   * compare-and-swap in the metastore instead of locks, so such a lock blocks nothing.
   */
  @Test
  void aLockLeftByAKilledWriterDoesNotBlockCommits() throws Exception {
    Topics topics = newTopics();
    List<String> published = publish(topics.prices, values("locked", 5));
    BronzeConfig config = config(topics, Map.of());
    runToCompletion(config); // creates the tables
    HiveConf conf = new HiveConf();
    conf.set("hive.metastore.uris", stack.metastore().uri());
    HiveMetaStoreClient client = new HiveMetaStoreClient(conf);
    LockComponent table = new LockComponent(LockType.EXCLUSIVE, LockLevel.TABLE, "bronze");
    table.setTablename(Tables.BRONZE_TICKS_RAW.name());
    LockResponse lock = client.lock(new LockRequest(List.of(table), "killed-writer", "localhost"));
    assertThat(lock.getState()).isEqualTo(LockState.ACQUIRED);
    try {
      List<String> more = publish(topics.prices, values("after-lock", 5));

      runToCompletion(config);

      assertThat(coordinates(topics.prices))
          .containsExactlyInAnyOrderElementsOf(
              Stream.concat(published.stream(), more.stream()).toList());
    } finally {
      client.unlock(lock.getLockid());
      client.close();
    }
  }

  // --- helpers --------------------------------------------------------------------------

  private record Topics(String prices, String markets, String id) {}

  private static Topics newTopics() throws Exception {
    String id = UUID.randomUUID().toString().substring(0, 8);
    Topics topics = new Topics("prices-" + id, "markets-" + id, id);
    try (Admin admin =
        Admin.create(Map.of("bootstrap.servers", stack.kafka().bootstrapServers()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(topics.prices, PARTITIONS, (short) 1),
                  new NewTopic(topics.markets, PARTITIONS, (short) 1)))
          .all()
          .get();
    }
    return topics;
  }

  /** Each test writes its own tables (same DDL, a namespace per test) and checkpoints. */
  private static BronzeConfig config(Topics topics, Map<String, String> overrides)
      throws Exception {
    Map<String, String> settings = new HashMap<>(stack.jobSettings());
    settings.put(BronzeConfig.PRICES_TOPIC, topics.prices);
    settings.put(BronzeConfig.MARKETS_TOPIC, topics.markets);
    settings.put(StreamSettings.TRIGGER, "available-now");
    settings.put(
        StreamSettings.CHECKPOINT_DIR,
        stack.dataDir().resolve("checkpoints-" + topics.id).toString());
    settings.putAll(overrides);
    return BronzeConfig.from(JobSettings.of(settings));
  }

  private static void runToCompletion(BronzeConfig config) throws Exception {
    StreamingTests.awaitAll(BronzeIngest.start(spark, config));
  }

  private static List<String> publish(String topic, List<String> values) throws Exception {
    return publish(topic, values, i -> i % PARTITIONS);
  }

  private static List<String> publish(
      String topic, List<String> values, java.util.function.IntUnaryOperator partitionOf)
      throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.kafka().bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
            4 * 1024 * 1024);
    List<String> coordinates = new ArrayList<>();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < values.size(); i++) {
        RecordMetadata meta =
            producer
                .send(
                    new ProducerRecord<>(topic, partitionOf.applyAsInt(i), "k" + i, values.get(i)))
                .get();
        coordinates.add(topic + "/" + meta.partition() + "/" + meta.offset());
      }
    }
    return coordinates;
  }

  /**
   * {@code count} values of {@code size} characters that compress poorly, sent without waiting on
   * each. One request in flight at a time: the topic is new, and an idempotent producer whose first
   * request to a partition fails (the partition's leader not ready yet) while later ones land is
   * then refused that first batch for good (KAFKA-14359), which timed this test out on a busy
   * machine.
   */
  private static void publishQuickly(String topic, int count, int size) throws Exception {
    Random random = new Random(42);
    byte[] bytes = new byte[size * 3 / 4];
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                1),
            new StringSerializer(),
            new StringSerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        random.nextBytes(bytes);
        sent.add(
            producer.send(
                new ProducerRecord<>(
                    topic, i % PARTITIONS, "k" + i, Base64.getEncoder().encodeToString(bytes))));
      }
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
    }
  }

  private static List<String> coordinates(String topic) {
    return spark
        .table(tableFor(topic))
        .filter(org.apache.spark.sql.functions.col("kafka_topic").equalTo(topic))
        .collectAsList()
        .stream()
        .map(
            r ->
                topic
                    + "/"
                    + r.<Integer>getAs("kafka_partition")
                    + "/"
                    + r.<Long>getAs("kafka_offset"))
        .toList();
  }

  private static List<String> payloadsOf(String topic) {
    return spark
        .table(tableFor(topic))
        .filter(org.apache.spark.sql.functions.col("kafka_topic").equalTo(topic))
        .collectAsList()
        .stream()
        .map(r -> r.<String>getAs("raw_payload"))
        .toList();
  }

  private static String tableFor(String topic) {
    return (topic.startsWith("prices-") ? Tables.BRONZE_TICKS_RAW : Tables.BRONZE_COIN_MARKETS_RAW)
        .qualifiedIn(stack.lakehouse().catalog());
  }

  private static List<String> only(Set<String> coordinates, String topic) {
    return coordinates.stream().filter(c -> c.startsWith(topic + "/")).toList();
  }

  private static List<String> values(String prefix, int n) {
    return java.util.stream.IntStream.range(0, n)
        .mapToObj(i -> "{\"" + prefix + "\":" + i + "}")
        .toList();
  }

  private static List<String> validAndOddValues() {
    return List.of(
        "{\"envelope_version\":1,\"body\":\"{\\\"bitcoin\\\":{\\\"usd\\\":84449}}\"}",
        "<html><body>Just a moment...</body></html>",
        "",
        "not json at all",
        "{\"truncated\":",
        "{\"big\":\"" + "y".repeat(1_048_576) + "\"}");
  }
}
