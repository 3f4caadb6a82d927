package io.cryptolakehouse.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.embedded.EmbeddedLakehouse;
import io.cryptolakehouse.embedded.EmbeddedLakehouseExtension;
import io.cryptolakehouse.model.TableId;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.spark.JobSettings;
import io.cryptolakehouse.spark.LakehouseTables;
import io.cryptolakehouse.spark.StreamSettings;
import io.cryptolakehouse.spark.StreamingTests;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The business questions ({@code queries/*.sql}) against Gold built from fixture data by the real
 * job, with exact expected answers. Fixture coins are on 2026-12-01 so other tests' data never
 * competes in the rankings.
 */
@ExtendWith(EmbeddedLakehouseExtension.class)
class QueriesIT {

  private static final Path QUERIES = Path.of("../queries");
  private static final Path NOTEBOOK_SQL = Path.of("../notebooks/sql");
  private static SparkSession spark;
  private static Timestamp firstSnapshotCommit;

  @BeforeAll
  static void buildGold(EmbeddedLakehouse stack) throws Exception {
    spark = StreamingTests.lakehouseSession("queries-it", stack.lakehouse());
    Map<String, String> settings = new HashMap<>(stack.jobSettings());
    settings.put(StreamSettings.TRIGGER, "available-now");
    settings.put(
        StreamSettings.CHECKPOINT_DIR, stack.dataDir().resolve("checkpoints-queries").toString());
    GoldConfig config = GoldConfig.from(JobSettings.of(settings));
    LakehouseTables.ensureExist(spark, "lakehouse", Tables.SILVER_PRICES_CLEAN);

    append(
        new SilverRows()
            .add("q-btc", "2026-12-01T10:00:00Z", "100", "1000", "2000000000000", false)
            .add("q-btc", "2026-12-01T10:30:00Z", "102", "1050", "2040000000000", false)
            .add("q-btc", "2026-12-01T11:00:00Z", "105", "1100", "2100000000000", false)
            .add("q-eth", "2026-12-01T10:00:00Z", "100", "400", "400000000000", false)
            .add("q-eth", "2026-12-01T10:06:00Z", "94", "420", "376000000000", false)
            .add("q-eth", "2026-12-01T11:00:00Z", "90", "500", "360000000000", false)
            .add("q-sol", "2026-12-01T11:00:00Z", "10", "50", "5000000000", false));
    firstSnapshotCommit = latestSilverCommit();
    StreamingTests.awaitAll(GoldAggregate.start(spark, config));
    // Arrives later than it happened: changes the event-time answer, not the time-travel one.
    append(
        new SilverRows().add("q-eth", "2026-12-01T11:10:00Z", "89", "510", "356000000000", false));
    StreamingTests.awaitAll(GoldAggregate.start(spark, config));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void q1CurrentPriceAndChangeOverTheLastHour() throws Exception {
    Row row = only(run("q1_current_price_and_1h_change.sql", "q-btc", "2026-12-01T11:00:00Z"));

    assertThat(row.<BigDecimal>getAs("price_usd")).isEqualByComparingTo("105");
    assertThat(row.<BigDecimal>getAs("price_1h_ago")).isEqualByComparingTo("100");
    assertThat(row.<BigDecimal>getAs("change_1h_pct")).isEqualByComparingTo("5.0000");
  }

  @Test
  void q2HighestVolatilityToday() throws Exception {
    Row row = only(run("q2_highest_volatility_today.sql", null, "2026-12-01T23:00:00Z"));

    assertThat(row.<String>getAs("coin_id")).isEqualTo("q-eth");
    assertThat(row.<Long>getAs("observations")).isEqualTo(4);
  }

  @Test
  void q3TimeTravelSeesWhatWasKnownThenAndEventTimeSeesLateData() throws Exception {
    Instant travelAsOf = firstSnapshotCommit.toInstant().plusSeconds(2 * 3600);
    Row then = only(run("q3_price_2h_ago_time_travel.sql", "q-eth", travelAsOf.toString()));
    Row now = only(run("q3_price_2h_ago_event_time.sql", "q-eth", "2026-12-01T13:15:00Z"));

    assertThat(then.<BigDecimal>getAs("price_usd")).isEqualByComparingTo("90");
    assertThat(now.<BigDecimal>getAs("price_usd")).isEqualByComparingTo("89");
  }

  @Test
  void q4CoinsThatDroppedMoreThanFivePercentInTenMinutes() throws Exception {
    List<Row> rows = run("q4_price_drop_alerts.sql", null, "2026-12-01T12:00:00Z");

    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).<String>getAs("coin_id")).isEqualTo("q-eth");
    assertThat(rows.get(0).<BigDecimal>getAs("from_price")).isEqualByComparingTo("100");
    assertThat(rows.get(0).<BigDecimal>getAs("to_price")).isEqualByComparingTo("94");
    assertThat(rows.get(0).<Double>getAs("pct_change")).isEqualTo(-6.0);
  }

  @Test
  void q5TwentyFourHourVolumeOfTheTopCoins() throws Exception {
    List<Row> rows = run("q5_top10_24h_volume.sql", null, "2026-12-01T11:30:00Z");

    assertThat(rows)
        .extracting(r -> r.<String>getAs("coin_id"))
        .containsExactly("q-btc", "q-eth", "q-sol");
    assertThat(rows)
        .extracting(r -> r.<BigDecimal>getAs("volume_24h").stripTrailingZeros().toPlainString())
        .containsExactly("1100", "510", "50");
  }

  @Test
  void q6GapsAreTheWholeBucketsWithoutACandle() throws Exception {
    List<Row> rows =
        run("q6_candle_gaps.sql", null, "2026-12-01T11:30:00Z").stream()
            .filter(r -> r.<String>getAs("coin_id").equals("q-btc"))
            .toList();

    assertThat(rows)
        .extracting(r -> r.<String>getAs("bucket_interval"))
        .containsExactly("1m", "5m", "15m", "1h");
    // Hours: 11-30 12:00 .. 12-01 10:00 are whole and before 11:30 (11:00 is still forming);
    // q-btc has a candle in 10:00 only.
    Row hours = rows.get(3);
    assertThat(hours.<Long>getAs("buckets")).isEqualTo(23);
    assertThat(hours.<Long>getAs("missing")).isEqualTo(22);
    assertThat(hours.<Timestamp>getAs("first_missing").toInstant())
        .isEqualTo(Instant.parse("2026-11-30T12:00:00Z"));
    assertThat(hours.<Timestamp>getAs("last_missing").toInstant())
        .isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
    // Quarter hours: 11-30 11:30 .. 12-01 11:15 (it ends at 11:30: whole), 96 of them; three have
    // an observation (10:00, 10:30, 11:00).
    assertThat(rows.get(2).<Long>getAs("buckets")).isEqualTo(96);
    assertThat(rows.get(2).<Long>getAs("missing")).isEqualTo(93);
    assertThat(rows.get(0).<Long>getAs("buckets")).isEqualTo(1_440);
    assertThat(rows.get(0).<Long>getAs("missing")).isEqualTo(1_437);
  }

  /**
   * The notebooks' SQL (notebooks/sql) runs against the real tables: a renamed column breaks this
   * test, not a user's notebook.
   */
  @Test
  void everyNotebookQueryRunsAgainstTheTables() throws Exception {
    LakehouseTables.ensureExist(spark, "lakehouse", Tables.ALL.toArray(TableId[]::new));
    List<Path> files;
    try (Stream<Path> listing = Files.list(NOTEBOOK_SQL)) {
      files = listing.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(9);
    Map<String, List<Row>> results = new HashMap<>();
    for (Path file : files) {
      String sql = Files.readString(file);
      Map<String, Object> args = new HashMap<>();
      if (sql.contains(":coin")) {
        args.put("coin", "q-btc");
      }
      if (sql.contains(":as_of")) {
        args.put("as_of", firstSnapshotCommit);
      }
      if (sql.contains(":simulated")) {
        args.put("simulated", false);
      }
      if (sql.contains(":interval")) {
        args.put("interval", "15m");
      }
      results.put(file.getFileName().toString(), spark.sql(sql, args).collectAsList());
    }

    assertThat(results.get("layer_counts.sql")).hasSize(9);
    assertThat(results.get("hourly_ohlc.sql"))
        .extracting(r -> r.<BigDecimal>getAs("close_price").stripTrailingZeros().toPlainString())
        .containsExactly("102", "105");
    assertThat(results.get("candles_by_interval.sql"))
        .extracting(r -> r.<BigDecimal>getAs("close_price").stripTrailingZeros().toPlainString())
        .containsExactly("100", "102", "105");
    assertThat(results.get("silver_latest.sql")).hasSize(3);
    assertThat(results.get("snapshots.sql")).hasSizeGreaterThanOrEqualTo(2);
    assertThat(results.get("files_per_partition.sql")).isNotEmpty();
    Row travel = only(results.get("time_travel_counts.sql"));
    assertThat(travel.getLong(0)).isEqualTo(7);
    assertThat(travel.getLong(1)).isEqualTo(8);
  }

  private static List<Row> run(String file, String coin, String asOf) throws Exception {
    Map<String, Object> args = new HashMap<>();
    args.put("as_of", Timestamp.from(Instant.parse(asOf)));
    args.put("simulated", false);
    if (coin != null) {
      args.put("coin", coin);
    }
    return spark.sql(Files.readString(QUERIES.resolve(file)), args).collectAsList();
  }

  private static Row only(List<Row> rows) {
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  private static void append(SilverRows rows) throws Exception {
    rows.dataset(spark).writeTo(Tables.SILVER_PRICES_CLEAN.toString()).append();
  }

  private static Timestamp latestSilverCommit() {
    return spark
        .sql("SELECT max(committed_at) FROM " + Tables.SILVER_PRICES_CLEAN + ".snapshots")
        .first()
        .getTimestamp(0);
  }
}
