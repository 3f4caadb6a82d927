package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.embedded.EmbeddedLakehouse;
import io.cryptolakehouse.embedded.EmbeddedLakehouseExtension;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.spark.JobSettings;
import io.cryptolakehouse.spark.LakehouseTables;
import io.cryptolakehouse.spark.StreamSettings;
import io.cryptolakehouse.spark.StreamingTests;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gold streamed from Silver on the real embedded servers equals a batch recompute from Silver,
 * after late observations and a replayed micro-batch.
 */
@ExtendWith(EmbeddedLakehouseExtension.class)
class GoldAggregateIT {

  private static SparkSession spark;
  private static EmbeddedLakehouse stack;
  private static GoldConfig config;

  @BeforeAll
  static void start(EmbeddedLakehouse lakehouse) {
    stack = lakehouse;
    spark = StreamingTests.lakehouseSession("gold-it", stack.lakehouse());
    config = configWith(Map.of());
    LakehouseTables.ensureExist(
        spark, "lakehouse", Tables.SILVER_PRICES_CLEAN, Tables.BRONZE_COIN_MARKETS_RAW);
  }

  private static GoldConfig configWith(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(stack.jobSettings());
    settings.put(StreamSettings.TRIGGER, "available-now");
    // The fixtures' drops are days old: publish them as live alerts all the same.
    settings.put(
        GoldConfig.ALERT_MAX_AGE_MINUTES, String.valueOf(Duration.ofDays(3650).toMinutes()));
    settings.put(StreamSettings.CHECKPOINT_DIR, stack.dataDir().resolve("checkpoints").toString());
    settings.putAll(extra);
    return GoldConfig.from(JobSettings.of(settings));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void streamingGoldEqualsABatchRecomputeAfterLateDataAndAReplay() throws Exception {
    appendCoinMarkets(
        "[{\"id\":\"gold-btc\",\"symbol\":\"btc\",\"name\":\"Bitcoin\",\"market_cap_rank\":1}]",
        "2026-11-25T09:00:00Z");
    appendToSilver(
        new SilverRows()
            .add("gold-btc", "2026-11-25T10:05:00Z", "100", "1000")
            .add("gold-btc", "2026-11-25T10:40:00Z", "104", "1010")
            .add("gold-btc", "2026-11-25T10:45:00Z", "98", "1020") // -5.8% within 10 min: alert
            .add("gold-eth", "2026-11-25T10:10:00Z", "50", "500"));
    runGold();
    // Three commits caught up one file per batch: a capped catch-up must give the same Gold.
    appendToSilver(
        new SilverRows()
            .add("gold-btc", "2026-11-25T10:01:00Z", "99", "990")); // late: a new open for 10:00
    appendToSilver(new SilverRows().add("gold-btc", "2026-11-25T11:02:00Z", "97", "1030"));
    appendToSilver(new SilverRows().add("gold-eth", "2026-11-25T10:15:00Z", "51", "505"));
    // Late data after it: 11:31 raises the look-back high of 11:33, now a drop of 9 %: an alert
    // for a row later than anything in the late row's batch.
    appendToSilver(new SilverRows().add("gold-btc", "2026-11-25T11:33:00Z", "100", "1040"));
    appendToSilver(new SilverRows().add("gold-btc", "2026-11-25T11:31:00Z", "110", "1035"));
    // The same across midnight: the late 23:58 makes 00:03 of the next day a drop.
    appendToSilver(new SilverRows().add("gold-btc", "2026-11-26T00:03:00Z", "100", "1050"));
    appendToSilver(new SilverRows().add("gold-btc", "2026-11-25T23:58:00Z", "110", "1045"));
    GoldConfig capped = configWith(Map.of(GoldConfig.MAX_ROWS_PER_BATCH, "1"));
    List<StreamingQuery> catchUp = GoldAggregate.start(spark, capped);
    StreamingTests.awaitAll(catchUp);
    assertThat(catchUp.get(0).recentProgress())
        .filteredOn(p -> p.numInputRows() > 0)
        .extracting(p -> p.numInputRows())
        .containsExactly(1L, 1L, 1L, 1L, 1L, 1L, 1L);
    StreamingTests.forgetLastCommit(config.stream().checkpointFor(GoldAggregate.QUERY));
    StreamingTests.forgetLastCommit(config.stream().checkpointFor(GoldAggregate.BARS_QUERY));
    runGold(); // replays the last batch of both queries

    Dataset<Row> silver =
        spark
            .table(Tables.SILVER_PRICES_CLEAN.toString())
            .filter(col("crypto_symbol").startsWith("gold-"));
    assertSame(gold(Tables.GOLD_FACT_HOURLY), HourlyBars.barsOf(silver));
    // Every interval's candles, through late rows, capped batches and a replayed batch.
    assertSame(gold(Tables.GOLD_FACT_CANDLES), Candles.of(silver));
    assertSame(gold(Tables.GOLD_DAILY_VOLATILITY), DailyVolatility.volatilityOf(silver));
    assertSame(
        gold(Tables.GOLD_PRICE_ALERTS).drop("detected_at"),
        PriceDropAlerts.episodesOf(silver, config.dropThresholdPct(), config.dropWindow())
            .drop("detected_at"));
    assertThat(gold(Tables.GOLD_FACT_TICKS).count()).isEqualTo(silver.count());
    // Every gold-btc tick points at the coin version valid at its time; gold-eth has none.
    Row version =
        spark
            .table(Tables.GOLD_DIM_CRYPTO.toString())
            .filter(col("coin_id").equalTo("gold-btc"))
            .first();
    assertThat(version.<Boolean>getAs("is_current")).isTrue();
    assertThat(
            gold(Tables.GOLD_FACT_TICKS)
                .filter(col("coin_id").equalTo("gold-btc"))
                .select("crypto_id")
                .distinct()
                .collectAsList())
        .extracting(r -> (Object) r.get(0))
        .containsExactly((Object) version.getAs("crypto_id"));
    assertThat(
            gold(Tables.GOLD_FACT_TICKS)
                .filter(col("coin_id").equalTo("gold-eth").and(col("crypto_id").isNotNull()))
                .count())
        .isZero();
    Row open =
        gold(Tables.GOLD_FACT_HOURLY)
            .filter(
                col("coin_id")
                    .equalTo("gold-btc")
                    .and(
                        col("hour_start")
                            .equalTo(java.sql.Timestamp.valueOf("2026-11-25 10:00:00"))))
            .first();
    assertThat(open.<java.math.BigDecimal>getAs("open_price")).isEqualByComparingTo("99");
    assertThat(open.<Long>getAs("tick_count")).isEqualTo(4);
    assertThat(gold(Tables.GOLD_PRICE_ALERTS).select("window_end").collectAsList())
        .extracting(r -> r.getTimestamp(0).toInstant().toString())
        .containsExactlyInAnyOrder(
            "2026-11-25T10:45:00Z", "2026-11-25T11:33:00Z", "2026-11-26T00:03:00Z");
    // Published once each to crypto.alerts, keyed by the alert id, although a batch was replayed.
    List<String> alertIds =
        gold(Tables.GOLD_PRICE_ALERTS).select("alert_id").as(Encoders.STRING()).collectAsList();
    assertThat(alertKeysPublished().stream().filter(k -> k.startsWith("gold-")))
        .containsExactlyInAnyOrderElementsOf(alertIds);
    assertThat(
            spark
                .table(Tables.GOLD_DIM_TIME.toString())
                .filter(col("time_id").equalTo(202611251045L))
                .count())
        .isEqualTo(1);
  }

  /**
   * Batches too large for the driver's upsert (a catch-up) append the hours nobody wrote and merge
   * the others: the hour the batch before stopped in, an hour a late row reopens, and every hour of
   * a replayed batch. No candle or bar is lost or doubled on the way.
   */
  @Test
  void aCatchUpsCandlesEqualARecomputeThroughAContinuedHourALateRowAndAReplay() throws Exception {
    String[] coins = {"catchup-btc", "catchup-eth", "catchup-sol"};
    Instant start = Instant.parse("2026-11-28T00:00:00Z");
    int half = 6 * 3_600 / 5 / 2; // a row every 5 s for 6 hours, in two halves
    appendToSilver(everyFiveSeconds(coins, start, 0, half));
    runGold(); // 6 480 rows: all appended
    SilverRows second = everyFiveSeconds(coins, start, half, 2 * half);
    second.add(coins[0], "2026-11-28T00:17:02Z", "99.5", "1000"); // reopens a finished hour
    appendToSilver(second);
    runGold(); // hours 0 to 2 merged, 3 to 5 appended
    // Every 1m, 5m, 15m and 1h bucket of six hours once, and one daily candle, per coin.
    assertThat(catchUp(Tables.GOLD_FACT_CANDLES).count())
        .isEqualTo(3L * (6 * (60 + 12 + 4 + 1) + 1));
    StreamingTests.forgetLastCommit(config.stream().checkpointFor(GoldAggregate.BARS_QUERY));
    runGold(); // every hour of the replayed batch is taken: all merged

    Dataset<Row> silver =
        spark
            .table(Tables.SILVER_PRICES_CLEAN.toString())
            .filter(col("crypto_symbol").startsWith("catchup-"));
    assertSame(
        catchUp(Tables.GOLD_FACT_CANDLES).filter(col("bucket_interval").notEqual("1d")),
        Candles.of(silver, BarsUpdate.INTERVALS));
    assertSame(catchUp(Tables.GOLD_FACT_HOURLY), HourlyBars.barsOf(silver));
  }

  private static SilverRows everyFiveSeconds(String[] coins, Instant start, int from, int to) {
    SilverRows rows = new SilverRows();
    for (int i = from; i < to; i++) {
      String at = start.plusSeconds(5L * i).toString();
      for (int c = 0; c < coins.length; c++) {
        // Prices that rise and fall within every bucket, distinct per coin.
        String price = String.valueOf(100 * (c + 1) + (i * 7 % 31) * 0.25);
        rows.add(coins[c], at, price, String.valueOf(1_000 + i));
      }
    }
    return rows;
  }

  private static Dataset<Row> catchUp(io.cryptolakehouse.model.TableId table) {
    return spark.table(table.toString()).filter(col("coin_id").startsWith("catchup-"));
  }

  /**
   * A lakehouse from before the bars had a query of their own has the Gold query's checkpoint only:
   * the bars start where the Gold query stood (its last batch's snapshot, read again), neither from
   * Silver's first snapshot nor from its latest.
   */
  @Test
  void theBarsQueryTakesOverWhereTheGoldQueryStood() throws Exception {
    appendToSilver(new SilverRows().add("takeover-btc", "2026-11-27T10:05:00Z", "100", "1000"));
    appendToSilver(
        new SilverRows()
            .add("takeover-btc", "2026-11-27T10:20:00Z", "102", "1000")
            .add("takeover-btc", "2026-11-27T10:25:00Z", "101", "1000"));
    runGold();
    deleteRecursively(
        java.nio.file.Path.of(config.stream().checkpointFor(GoldAggregate.BARS_QUERY)));
    spark.sql(
        "DELETE FROM %s WHERE coin_id = 'takeover-btc'"
            .formatted(Tables.GOLD_FACT_HOURLY.toString()));
    appendToSilver(new SilverRows().add("takeover-btc", "2026-11-27T11:05:00Z", "99", "1000"));

    List<StreamingQuery> queries = GoldAggregate.start(spark, config);
    StreamingTests.awaitAll(queries);

    StreamingQuery bars =
        queries.stream().filter(q -> GoldAggregate.BARS_QUERY.equals(q.name())).findFirst().get();
    long read =
        java.util.Arrays.stream(bars.recentProgress()).mapToLong(p -> p.numInputRows()).sum();
    // The Gold query's last snapshot (two rows) again, and the new one: not the first append.
    assertThat(read).isEqualTo(3);
    // The hour the Gold query's last batch covered is whole again: the bars read its hours whole.
    assertThat(
            spark
                .table(Tables.GOLD_FACT_HOURLY.toString())
                .filter(col("coin_id").equalTo("takeover-btc"))
                .select("hour_start", "tick_count")
                .collectAsList())
        .extracting(r -> r.getTimestamp(0).toInstant() + " " + r.getLong(1))
        .containsExactlyInAnyOrder("2026-11-27T10:00:00Z 3", "2026-11-27T11:00:00Z 1");
  }

  private static void deleteRecursively(java.nio.file.Path dir) throws java.io.IOException {
    try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(dir)) {
      for (java.nio.file.Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(p);
      }
    }
  }

  @Test
  void aBrokerOutageDelaysAlertsButNotGoldAndTheyArePublishedOnceWhenItIsBack() throws Exception {
    String topic = "outbox-alerts";
    Map<String, String> down = new HashMap<>();
    down.put(
        io.cryptolakehouse.spark.KafkaSettings.BOOTSTRAP_SERVERS,
        "127.0.0.1:" + io.cryptolakehouse.embedded.Ports.free());
    down.put(GoldConfig.ALERTS_TOPIC, topic);
    GoldConfig brokerDown = configWith(down);
    java.time.Instant now =
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    SilverRows rows =
        new SilverRows()
            .add("outbox-btc", now.minusSeconds(1200).toString(), "100", "1000")
            .add("outbox-btc", now.minusSeconds(900).toString(), "90", "1000") // -10 %: an alert
            // A drop of long ago, as a backfill brings: stored, never announced as live.
            .add("outbox-old", "2026-11-20T10:00:00Z", "100", "1000")
            .add("outbox-old", "2026-11-20T10:05:00Z", "90", "1000");
    appendToSilver(rows);
    LakehouseTables.ensureExist(
        spark,
        "lakehouse",
        Tables.ALL.stream()
            .filter(t -> t.namespace().equals(Tables.GOLD))
            .toArray(io.cryptolakehouse.model.TableId[]::new));
    new AlertOutbox(brokerDown).initialize(spark);

    new GoldUpdate(brokerDown).apply(rows.dataset(spark), 1);

    Dataset<Row> alerts =
        spark
            .table(Tables.GOLD_PRICE_ALERTS.toString())
            .filter(col("coin_id").startsWith("outbox-"));
    assertThat(alerts.count()).as("committed although Kafka is away").isEqualTo(2);
    assertThat(
            spark
                .table(Tables.GOLD_DAILY_VOLATILITY.toString())
                .filter(col("coin_id").startsWith("outbox-"))
                .count())
        .isEqualTo(2);

    Map<String, String> up = new HashMap<>(down);
    up.put(
        io.cryptolakehouse.spark.KafkaSettings.BOOTSTRAP_SERVERS, stack.kafka().bootstrapServers());
    up.put(GoldConfig.ALERT_MAX_AGE_MINUTES, "60");
    GoldConfig brokerBack = configWith(up);
    io.cryptolakehouse.spark.KafkaTopics.ensureExist(brokerBack.bootstrapServers(), List.of(topic));
    AlertOutbox outbox = new AlertOutbox(brokerBack);
    outbox.publishCommitted(spark);
    outbox.publishCommitted(spark); // nothing new: nothing sent twice

    String alertId =
        alerts
            .filter(col("coin_id").equalTo("outbox-btc"))
            .select("alert_id")
            .as(Encoders.STRING())
            .first();
    assertThat(keysIn(topic).stream().filter(k -> k.startsWith("outbox-")))
        .containsExactly(alertId);
  }

  @Test
  void theDimensionIsRefreshedWhenCoinMarketsChangedAndOnlyThen() throws Exception {
    LakehouseTables.ensureExist(spark, "lakehouse", Tables.GOLD_DIM_CRYPTO);
    DimCryptoUpdate dimension = new DimCryptoUpdate(config);
    appendCoinMarkets(
        "[{\"id\":\"dim-sol\",\"symbol\":\"sol\",\"name\":\"Solana\",\"market_cap_rank\":5}]",
        hoursAgo(2));
    dimension.refresh(spark, 1);

    AtomicInteger jobs = new AtomicInteger();
    SparkListener counter =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart jobStart) {
            jobs.incrementAndGet();
          }
        };
    spark.sparkContext().addSparkListener(counter);
    try {
      dimension.refresh(spark, 2); // nothing new in Bronze: not even a Spark job
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
    appendCoinMarkets(
        "[{\"id\":\"dim-sol\",\"symbol\":\"sol\",\"name\":\"Solana\",\"market_cap_rank\":4}]",
        hoursAgo(1));
    dimension.refresh(spark, 3);

    assertThat(jobs).hasValue(0);
    assertThat(
            spark
                .table(Tables.GOLD_DIM_CRYPTO.toString())
                .filter(col("coin_id").equalTo("dim-sol"))
                .select("market_cap_rank", "is_current")
                .collectAsList())
        .extracting(r -> r.get(0) + " " + r.get(1))
        .containsExactlyInAnyOrder("5 false", "4 true");
  }

  /**
   * Coin-markets records are judged as they reach Bronze, with or without price batches: a record
   * the dimension can use is not quarantined, every other one (or coin of one) is, once, with its
   * reason, also when the quarantine's batch is replayed.
   */
  @Test
  void everyCoinMarketsRecordIsUsedOrQuarantinedOnce() throws Exception {
    long used =
        appendMarketsRecord(
            marketsEnvelope(
                "[{\"id\":\"mq-ada\",\"symbol\":\"ada\",\"name\":\"Cardano\"}]", hoursAgo(1)));
    long garbage = appendMarketsRecord("<html>gateway timeout</html>");
    long withoutId = appendMarketsRecord(marketsEnvelope("[{\"symbol\":\"mq\"}]", hoursAgo(1)));
    runGold();
    StreamingTests.forgetLastCommit(config.stream().checkpointFor(MarketsQuarantine.QUERY));
    runGold();

    List<Long> offsets = List.of(used, garbage, withoutId);
    assertThat(
            spark
                .table(Tables.GOLD_COIN_MARKETS_REJECTED.toString())
                .filter(col("bronze_offset").isin(offsets.toArray()))
                .collectAsList())
        .extracting(r -> r.getAs("bronze_offset") + " " + r.getAs("rule"))
        .containsExactlyInAnyOrder(garbage + " envelope_not_json", withoutId + " coin_without_id");
    assertThat(
            MarketsAudit.usedRecords(
                    spark
                        .table(Tables.BRONZE_COIN_MARKETS_RAW.toString())
                        .filter(col("kafka_offset").isin(offsets.toArray())))
                .select("bronze_offset")
                .as(Encoders.LONG())
                .collectAsList())
        .containsExactly(used);
  }

  /** A fetch time before the Bronze row's ingestion time (now), as in real data. */
  private static String hoursAgo(int hours) {
    return java.time.Instant.now().minus(Duration.ofHours(hours)).toString();
  }

  private static void assertSame(Dataset<Row> actual, Dataset<Row> expected) {
    Dataset<Row> a =
        actual.select(
            expected.columns()[0],
            java.util.Arrays.copyOfRange(expected.columns(), 1, expected.columns().length));
    assertThat(a.exceptAll(expected).collectAsList())
        .as("in Gold but not in the recompute")
        .isEmpty();
    assertThat(expected.exceptAll(a).collectAsList())
        .as("in the recompute but not in Gold")
        .isEmpty();
  }

  private static Dataset<Row> gold(io.cryptolakehouse.model.TableId table) {
    return spark.table(table.toString()).filter(col("coin_id").startsWith("gold-"));
  }

  private static void appendToSilver(SilverRows rows) throws Exception {
    rows.dataset(spark).writeTo(Tables.SILVER_PRICES_CLEAN.toString()).append();
  }

  private static void runGold() throws Exception {
    StreamingTests.awaitAll(GoldAggregate.start(spark, config));
  }

  private static List<String> alertKeysPublished() {
    return keysIn(config.alertsTopic());
  }

  private static List<String> keysIn(String topic) {
    Map<String, Object> props =
        Map.of(
            "bootstrap.servers", stack.kafka().bootstrapServers(),
            "key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class,
            "value.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class);
    try (org.apache.kafka.clients.consumer.KafkaConsumer<String, String> consumer =
        new org.apache.kafka.clients.consumer.KafkaConsumer<>(props)) {
      List<org.apache.kafka.common.TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<String> keys = new java.util.ArrayList<>();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
      }
      return keys;
    }
  }

  private static void appendCoinMarkets(String body, String fetchedAt) throws Exception {
    appendBronzeMarkets(marketsEnvelope(body, fetchedAt), 0L);
  }

  /** Offsets of records appended with their own lineage (apart from the fixtures' offset 0). */
  private static final java.util.concurrent.atomic.AtomicLong NEXT_OFFSET =
      new java.util.concurrent.atomic.AtomicLong(1_000_000);

  private static long appendMarketsRecord(String value) throws Exception {
    long offset = NEXT_OFFSET.getAndIncrement();
    appendBronzeMarkets(value, offset);
    return offset;
  }

  private static String marketsEnvelope(String body, String fetchedAt) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .writeValueAsString(
            new io.cryptolakehouse.model.envelope.ApiEnvelope(
                1,
                "coingecko",
                "coingecko_v3",
                "/coins/markets",
                List.of(),
                200,
                fetchedAt,
                false,
                body));
  }

  private static void appendBronzeMarkets(String value, long offset) throws Exception {
    java.sql.Timestamp now = new java.sql.Timestamp(System.currentTimeMillis());
    spark
        .createDataFrame(
            List.of(
                org.apache.spark.sql.RowFactory.create(
                    value, now, offset, 0, "crypto.coin-markets.raw", "k", now)),
            spark.table(Tables.BRONZE_COIN_MARKETS_RAW.toString()).schema())
        .writeTo(Tables.BRONZE_COIN_MARKETS_RAW.toString())
        .append();
  }
}
