package io.cryptolakehouse.maintenance;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cryptolakehouse.bronze.BronzeIngest;
import io.cryptolakehouse.embedded.EmbeddedLakehouse;
import io.cryptolakehouse.embedded.EmbeddedLakehouseExtension;
import io.cryptolakehouse.gold.GoldAggregate;
import io.cryptolakehouse.model.TableId;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.silver.SilverTransform;
import io.cryptolakehouse.spark.StreamingTests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Maintenance beside the real Bronze, Silver and Gold streams: they keep running, and every
 * published message ends up exactly once in each layer, also when a batch is replayed after
 * maintenance expired every snapshot it could.
 */
@ExtendWith(EmbeddedLakehouseExtension.class)
class MaintenanceStreamsIT {

  /** The tables a stream writes or reads that these tests count: what maintenance works on. */
  private static final List<TableId> STREAMED =
      List.of(
          Tables.BRONZE_TICKS_RAW,
          Tables.SILVER_PRICES_CLEAN,
          Tables.GOLD_FACT_TICKS,
          Tables.GOLD_FACT_HOURLY);

  private static SparkSession spark;
  private static PipelineFixture pipeline;

  @BeforeAll
  static void start(EmbeddedLakehouse stack) {
    spark = StreamingTests.lakehouseSession("maintenance-streams-it", stack.lakehouse());
    pipeline = new PipelineFixture(stack, spark);
  }

  @AfterAll
  static void stop() {
    pipeline.close();
    spark.stop();
  }

  @Test
  void streamsKeepRunningExactlyOnceWhileMaintenanceCompactsBesideThem() throws Exception {
    List<String> coins = coins("live", 3);
    Instant first = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
    List<Long> offsets = new ArrayList<>();
    List<StreamingQuery> queries = pipeline.start("1 second");
    List<MaintenanceReport> reports = new ArrayList<>();
    // Keep-everything expiry (3 days): this test is about compaction racing the writers.
    MaintenanceRun maintenance =
        new MaintenanceRun(spark, pipeline.aggressive(Duration.ofDays(3)), Clock.systemUTC());
    try {
      for (int round = 0; round < 2; round++) {
        // Three bursts, each in Bronze before the next: several small files per partition, and
        // Silver and Gold still busy with the last burst when maintenance starts.
        for (int burst = 0; burst < 3; burst++) {
          for (int i = 0; i < 3; i++) {
            int n = offsets.size();
            offsets.add(pipeline.publish(coins, first.plus(Duration.ofMinutes(5L * n)), "1" + n));
          }
          long published = offsets.size();
          await().atMost(Duration.ofMinutes(2)).until(() -> bronzeRows(offsets) == published);
        }
        reports.add(maintenance.run(STREAMED));
      }
      // Gold writes a batch's ticks, then the bars of the hours it touches, recomputed from all of
      // Silver (so bars can run ahead of the ticks): caught up when both are complete.
      long expected = 3L * offsets.size();
      await()
          .atMost(Duration.ofMinutes(4))
          .until(() -> goldTicks(coins).count() == expected && hourlyTicks(coins) == expected);
      for (StreamingQuery query : queries) {
        assertThat(query.isActive()).as(query.name()).isTrue();
        assertThat(query.exception().isEmpty()).as(query.name()).isTrue();
      }
    } finally {
      queries.forEach(StreamingTests::stop);
    }

    assertThat(reports).allSatisfy(r -> assertThat(r.ok()).as(r.toJson()).isTrue());
    assertThat(
            reports.stream()
                .mapToLong(r -> r.tables().stream().mapToLong(TableReport::filesRewritten).sum())
                .sum())
        .isPositive();
    assertExactlyOnce(coins, offsets);
  }

  @Test
  void aBatchReplayedAfterMaintenanceExpiredAllItCouldIsNotCommittedTwice() throws Exception {
    List<String> coins = coins("replay", 2);
    Instant first = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
    List<Long> offsets = new ArrayList<>();
    MaintenanceRun maintenance =
        new MaintenanceRun(spark, pipeline.aggressive(Duration.ZERO), Clock.systemUTC());
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 3; i++) {
        int n = round * 3 + i;
        offsets.add(pipeline.publish(coins, first.plus(Duration.ofMinutes(7L * n)), "2" + n));
      }
      pipeline.runOnce();
      // A crash after each layer's last commit, before its checkpoint recorded it ...
      for (String query :
          List.of(BronzeIngest.PRICES_QUERY, SilverTransform.QUERY, GoldAggregate.QUERY)) {
        StreamingTests.forgetLastCommit(pipeline.checkpoints.resolve(query).toString());
      }
      // ... then maintenance compacts on top of those commits and expires every snapshot older
      // than now that no stream still needs.
      MaintenanceReport report = maintenance.run(STREAMED);
      assertThat(report.ok()).as(report.toJson()).isTrue();
      assertThat(report.tables().stream().mapToLong(TableReport::snapshotsExpired).sum())
          .isPositive();
      assertThat(newestStreamingCommit(Tables.BRONZE_TICKS_RAW.toString())).isNotNull();

      pipeline.runOnce(); // each layer replays its last batch
    }

    assertExactlyOnce(coins, offsets);
  }

  // --- invariants ------------------------------------------------------------------------------

  /**
   * Each offset is one Bronze row; each coin of each message one Silver row and one Gold tick; the
   * hourly bars count every tick once.
   */
  private static void assertExactlyOnce(List<String> coins, List<Long> offsets) {
    Dataset<Row> bronze =
        spark
            .table(Tables.BRONZE_TICKS_RAW.toString())
            .filter(
                col("kafka_partition").equalTo(0).and(col("kafka_offset").isin(offsets.toArray())));
    assertThat(bronze.count()).isEqualTo(offsets.size());
    assertThat(bronze.select("kafka_offset").distinct().count()).isEqualTo(offsets.size());
    Dataset<Row> silver =
        spark
            .table(Tables.SILVER_PRICES_CLEAN.toString())
            .filter(col("crypto_symbol").isin(coins.toArray()));
    long expected = (long) coins.size() * offsets.size();
    assertThat(silver.count()).isEqualTo(expected);
    assertThat(silver.select("crypto_symbol", "api_timestamp").distinct().count())
        .isEqualTo(expected);
    assertThat(goldTicks(coins).count()).isEqualTo(expected);
    assertThat(goldTicks(coins).select("coin_id", "api_timestamp").distinct().count())
        .isEqualTo(expected);
    Row bars =
        spark
            .table(Tables.GOLD_FACT_HOURLY.toString())
            .filter(col("coin_id").isin(coins.toArray()))
            .selectExpr("sum(tick_count)", "count(*)", "count(DISTINCT coin_id, hour_start)")
            .first();
    assertThat(bars.getLong(0)).isEqualTo(expected);
    assertThat(bars.getLong(1)).isEqualTo(bars.getLong(2));
  }

  private static long bronzeRows(List<Long> offsets) {
    return spark
        .table(Tables.BRONZE_TICKS_RAW.toString())
        .filter(col("kafka_partition").equalTo(0).and(col("kafka_offset").isin(offsets.toArray())))
        .count();
  }

  private static long hourlyTicks(List<String> coins) {
    Row sum =
        spark
            .table(Tables.GOLD_FACT_HOURLY.toString())
            .filter(col("coin_id").isin(coins.toArray()))
            .selectExpr("coalesce(sum(tick_count), 0)")
            .first();
    return sum.getLong(0);
  }

  private static Dataset<Row> goldTicks(List<String> coins) {
    return spark
        .table(Tables.GOLD_FACT_TICKS.toString())
        .filter(col("coin_id").isin(coins.toArray()));
  }

  private static Snapshot newestStreamingCommit(String name) throws Exception {
    Table table = Spark3Util.loadIcebergTable(spark, "lakehouse." + name);
    table.refresh();
    for (Snapshot s = table.currentSnapshot();
        s != null;
        s = s.parentId() == null ? null : table.snapshot(s.parentId())) {
      if (s.summary().containsKey(StreamPositions.STREAMING_QUERY_ID)) {
        return s;
      }
    }
    return null;
  }

  private static List<String> coins(String test, int n) {
    String run = UUID.randomUUID().toString().substring(0, 6);
    List<String> coins = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      coins.add("mx-" + test + "-" + run + "-" + i);
    }
    return coins;
  }
}
