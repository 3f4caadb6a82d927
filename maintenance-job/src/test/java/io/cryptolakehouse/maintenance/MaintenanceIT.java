package io.cryptolakehouse.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptolakehouse.embedded.EmbeddedLakehouse;
import io.cryptolakehouse.embedded.EmbeddedLakehouseExtension;
import io.cryptolakehouse.model.StreamingQueries;
import io.cryptolakehouse.model.TableId;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.spark.LakehouseTables;
import io.cryptolakehouse.spark.StreamingTests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Compaction, expiry and Bronze retention on real tables of the embedded stack, streams idle. */
@ExtendWith(EmbeddedLakehouseExtension.class)
class MaintenanceIT {

  /** Commits made; the retention is set so that the first {@link #KEPT} expire. */
  private static final int COMMITS = 12;

  private static final int KEPT = 8;

  private static SparkSession spark;
  private static PipelineFixture pipeline;

  @BeforeAll
  static void start(EmbeddedLakehouse stack) {
    spark = StreamingTests.lakehouseSession("maintenance-it", stack.lakehouse());
    pipeline = new PipelineFixture(stack, spark);
    LakehouseTables.ensureExist(spark, "lakehouse", Tables.ALL.toArray(TableId[]::new));
  }

  @AfterAll
  static void stop() {
    pipeline.close();
    spark.stop();
  }

  @Test
  void compactsSmallFilesExpiresOldSnapshotsAndKeepsDataAndRecentTimeTravel() throws Exception {
    String silver = Tables.SILVER_PRICES_CLEAN.toString();
    List<Long> commits = new ArrayList<>();
    for (int i = 0; i < COMMITS; i++) { // each one small file in each of two days
      spark.sql(
          "INSERT INTO %s (crypto_symbol, price_usd, api_timestamp, source, is_simulated) VALUES ('mt-a', %d, TIMESTAMP '2020-01-01T00:%02d:00Z', 'replay', false), ('mt-b', %d, TIMESTAMP '2020-01-02T00:%02d:00Z', 'replay', false)"
              .formatted(silver, 100 + i, i, 200 + i, i));
      commits.add(table(silver).currentSnapshot().snapshotId());
    }
    String rows =
        "SELECT * FROM %s WHERE crypto_symbol LIKE 'mt-%%' ORDER BY crypto_symbol, api_timestamp";
    List<String> before = strings(spark.sql(rows.formatted(silver)).collectAsList());
    List<String> atRecentCommit =
        strings(
            spark
                .sql(rows.formatted(silver + " VERSION AS OF " + commits.get(COMMITS - 2)))
                .collectAsList());
    String summary =
        "SELECT crypto_symbol, count(*), sum(price_usd), max(api_timestamp) FROM %s WHERE crypto_symbol LIKE 'mt-%%' GROUP BY 1 ORDER BY 1";
    List<String> answer = strings(spark.sql(summary.formatted(silver)).collectAsList());
    assertThat(filesPerDay(silver))
        .containsEntry("2020-01-01", (long) COMMITS)
        .containsEntry("2020-01-02", (long) COMMITS);
    // Time travel must reach back to commit KEPT: the retention ends exactly there.
    long retentionStart = table(silver).snapshot(commits.get(KEPT)).timestampMillis();
    MaintenanceSettings settings =
        new MaintenanceSettings(
            "lakehouse",
            pipeline.checkpoints.toString(),
            Duration.ofHours(3),
            1,
            MaintenanceSettings.DEFAULT_MAX_SNAPSHOTS,
            Duration.ofHours(1), // the clock below puts the stray file two hours in the past
            Duration.ofDays(30),
            5,
            2,
            MaintenanceSettings.DEFAULT_CANDLE_RETENTION);
    org.apache.hadoop.fs.Path stray =
        new org.apache.hadoop.fs.Path(
            table(silver).location()
                + "/data/api_timestamp_day=2020-01-01/stray-from-a-crash.parquet");
    try (var out = stray.getFileSystem(spark.sparkContext().hadoopConfiguration()).create(stray)) {
      out.write(new byte[] {1, 2, 3});
    }
    Clock clock =
        Clock.fixed(Instant.ofEpochMilli(retentionStart).plus(Duration.ofHours(3)), ZoneOffset.UTC);

    MaintenanceReport report =
        new MaintenanceRun(spark, settings, clock).run(List.of(Tables.SILVER_PRICES_CLEAN));

    TableReport t = report.tables().get(0);
    assertThat(report.ok()).as(t.describe()).isTrue();
    assertThat(filesPerDay(silver)).containsEntry("2020-01-01", 1L).containsEntry("2020-01-02", 1L);
    assertThat(t.filesRewritten()).isGreaterThanOrEqualTo(2L * COMMITS);
    assertThat(t.maxFilesPerPartitionBefore()).isGreaterThanOrEqualTo(COMMITS);
    assertThat(t.maxFilesPerPartitionAfter()).isLessThan(settings.minInputFiles());
    assertThat(strings(spark.sql(rows.formatted(silver)).collectAsList())).isEqualTo(before);
    assertThat(strings(spark.sql(summary.formatted(silver)).collectAsList())).isEqualTo(answer);
    List<Long> kept = snapshotIds(silver);
    assertThat(kept)
        .containsAll(commits.subList(KEPT, COMMITS))
        .doesNotContainAnyElementsOf(commits.subList(0, KEPT));
    assertThat(t.snapshotsExpired()).isGreaterThanOrEqualTo(KEPT);
    assertThat(t.orphanFilesRemoved()).isEqualTo(1);
    assertThat(stray.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(stray))
        .isFalse();
    assertThat(t.snapshotsAfter()).isEqualTo(kept.size());
    assertThat(
            strings(
                spark
                    .sql(rows.formatted(silver + " VERSION AS OF " + commits.get(COMMITS - 2)))
                    .collectAsList()))
        .isEqualTo(atRecentCommit);
    assertThatThrownBy(
            () -> spark.sql(rows.formatted(silver + " VERSION AS OF " + commits.get(3))).collect())
        .hasMessageContaining(String.valueOf(commits.get(3)));
  }

  @Test
  void onlyThePipelinesQueriesPinSnapshotsAndTheReportSaysWhichOneDid() throws Exception {
    String silver = Tables.SILVER_PRICES_CLEAN.toString();
    List<Long> commits = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      spark.sql(
          "INSERT INTO %s (crypto_symbol, price_usd, api_timestamp, source, is_simulated) VALUES ('pin-a', %d, TIMESTAMP '2021-04-01T00:%02d:00Z', 'replay', false)"
              .formatted(silver, 10 + i, i));
      commits.add(table(silver).currentSnapshot().snapshotId());
    }
    // Gold, stopped for days, still reads commit 1; a renamed query's leftover reads commit 0.
    java.nio.file.Path root = java.nio.file.Files.createTempDirectory("pin-checkpoints");
    checkpointReading(root.resolve(StreamingQueries.GOLD), commits.get(1));
    checkpointReading(root.resolve("gold-aggregates-v0"), commits.get(0));
    MaintenanceSettings settings =
        new MaintenanceSettings(
            "lakehouse",
            root.toString(),
            Duration.ofHours(72),
            1,
            2,
            Duration.ofDays(30),
            Duration.ofDays(30),
            1_000,
            1_000,
            MaintenanceSettings.DEFAULT_CANDLE_RETENTION);
    Clock fourDaysLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(4));

    MaintenanceReport report =
        new MaintenanceRun(spark, settings, fourDaysLater).run(List.of(Tables.SILVER_PRICES_CLEAN));

    TableReport t = report.tables().get(0);
    assertThat(report.ok()).as(t.describe()).isTrue();
    assertThat(snapshotIds(silver))
        .containsAll(commits.subList(1, 5))
        .doesNotContain(commits.get(0));
    assertThat(t.pinnedBy())
        .startsWith("reader gold-aggregates (snapshot " + commits.get(1) + ")")
        .endsWith("older than the 72 h retention");
  }

  /** A committed query checkpoint whose newest offset is {@code snapshot} of an Iceberg source. */
  private static void checkpointReading(java.nio.file.Path query, long snapshot) throws Exception {
    java.nio.file.Files.createDirectories(query.resolve("offsets"));
    java.nio.file.Files.createDirectories(query.resolve("commits"));
    java.nio.file.Files.writeString(
        query.resolve("offsets/0"),
        "v1\n{}\n{\"version\":1,\"snapshot_id\":%d,\"position\":1,\"scan_all_files\":false}"
            .formatted(snapshot));
    java.nio.file.Files.writeString(query.resolve("commits/0"), "v1\n{}");
  }

  @Test
  void keepsAtMostMaxSnapshotsOfATableCommittedOftenHoweverYoung() throws Exception {
    String silver = Tables.SILVER_PRICES_CLEAN.toString();
    List<Long> commits = new ArrayList<>();
    for (int i = 0; i < 10; i++) { // ten commits within a minute: all inside a 72-hour retention
      spark.sql(
          "INSERT INTO %s (crypto_symbol, price_usd, api_timestamp, source, is_simulated) VALUES ('cap-a', %d, TIMESTAMP '2021-03-01T00:%02d:00Z', 'replay', false)"
              .formatted(silver, 10 + i, i));
      commits.add(table(silver).currentSnapshot().snapshotId());
    }
    List<org.apache.hadoop.fs.Path> expiredManifestLists = new ArrayList<>();
    for (long id : commits.subList(0, 6)) {
      String location = table(silver).snapshot(id).manifestListLocation();
      expiredManifestLists.add(new org.apache.hadoop.fs.Path(location));
    }
    MaintenanceSettings settings =
        new MaintenanceSettings(
            "lakehouse",
            pipeline.checkpoints.toString(),
            Duration.ofHours(72),
            1,
            4,
            Duration.ofDays(3),
            Duration.ofDays(30),
            1_000, // no compaction or manifest rewrite: their snapshots would count among the 4
            1_000,
            MaintenanceSettings.DEFAULT_CANDLE_RETENTION);

    MaintenanceReport report =
        new MaintenanceRun(spark, settings, Clock.systemUTC())
            .run(List.of(Tables.SILVER_PRICES_CLEAN));

    TableReport t = report.tables().get(0);
    assertThat(report.ok()).as(t.describe()).isTrue();
    assertThat(snapshotIds(silver))
        .containsAll(commits.subList(6, 10))
        .doesNotContainAnyElementsOf(commits.subList(0, 6));
    assertThat(t.snapshotsExpired()).isGreaterThanOrEqualTo(6);
    // Expiry also cleans up: the expired snapshots' manifest lists are deleted from storage.
    var fs = expiredManifestLists.get(0).getFileSystem(spark.sparkContext().hadoopConfiguration());
    for (org.apache.hadoop.fs.Path manifestList : expiredManifestLists) {
      assertThat(fs.exists(manifestList)).as(manifestList.toString()).isFalse();
    }
    String count = "SELECT count(*) FROM %s WHERE crypto_symbol = 'cap-a'";
    assertThat(spark.sql(count.formatted(silver)).first().getLong(0)).isEqualTo(10);
    assertThat(
            spark
                .sql(count.formatted(silver + " VERSION AS OF " + commits.get(6)))
                .first()
                .getLong(0))
        .as("time travel to the oldest of the four kept")
        .isEqualTo(7);
  }

  @Test
  void bronzeRetentionDropsWholeAgedOutDaysAndSilverStreamsOn() throws Exception {
    String bronze = Tables.BRONZE_TICKS_RAW.toString();
    Instant now = Instant.now();
    // Rows written by an older Bronze: 40 and 32 days old go, 28 days old stays.
    for (int age : new int[] {40, 40, 32, 28}) {
      spark.sql(
          "INSERT INTO %s VALUES ('old %d', TIMESTAMP '%s', %d, 7, 'crypto.prices.raw', 'k', TIMESTAMP '%s')"
              .formatted(
                  bronze,
                  age,
                  timestamp(now.minus(Duration.ofDays(age))),
                  age,
                  timestamp(now.minus(Duration.ofDays(age)))));
    }
    long published = pipeline.publish(List.of("rt-coin"), now.minusSeconds(60), "5");
    pipeline.runOnce();
    long partition7 = spark.table(bronze).filter("kafka_partition = 7").count();

    MaintenanceReport report =
        new MaintenanceRun(spark, pipeline.aggressive(Duration.ofDays(3)), Clock.systemUTC())
            .run(List.of(Tables.BRONZE_TICKS_RAW));

    assertThat(report.ok()).isTrue();
    assertThat(report.tables().get(0).bronzeRowsDropped()).isEqualTo(3);
    assertThat(spark.table(bronze).filter("kafka_partition = 7").count()).isEqualTo(partition7 - 3);
    Instant cutoff = now.minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.DAYS);
    assertThat(
            spark
                .table(bronze)
                .filter("ingestion_timestamp < TIMESTAMP '" + timestamp(cutoff) + "'")
                .count())
        .isZero();
    assertThat(
            spark
                .table(bronze)
                .filter("kafka_partition = 0 AND kafka_offset = " + published)
                .count())
        .isEqualTo(1);
    assertThat(
            spark
                .sql("SELECT operation FROM " + bronze + ".snapshots")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .contains("delete");

    // Silver's stream skips the delete and carries on with new Bronze rows.
    pipeline.publish(List.of("rt-coin"), now.minusSeconds(30), "6");
    pipeline.runOnce();
    assertThat(
            spark
                .table(Tables.SILVER_PRICES_CLEAN.toString())
                .filter("crypto_symbol = 'rt-coin'")
                .count())
        .isEqualTo(2);
  }

  @Test
  void candleRetentionDropsOldOneMinuteCandlesAndKeepsTheLongerIntervals() throws Exception {
    String candles = Tables.GOLD_FACT_CANDLES.toString();
    Instant now = Instant.now();
    // Candles as Gold writes them: 10 and 8 days old (1m goes after 7), 20 days old (5m stays).
    for (String[] c :
        new String[][] {{"1m", "10"}, {"1m", "8"}, {"5m", "20"}, {"1h", "10"}, {"1m", "1"}}) {
      Instant start = now.minus(Duration.ofDays(Long.parseLong(c[1])));
      spark.sql(
          ("INSERT INTO %s VALUES ('ret-coin', '%s', TIMESTAMP '%s', TIMESTAMP '%s', 1, 1, 1, 1, 1,"
                  + " 1, 1, false)")
              .formatted(candles, c[0], timestamp(start), timestamp(start.plusSeconds(60))));
    }

    MaintenanceReport report =
        new MaintenanceRun(spark, pipeline.aggressive(Duration.ofDays(3)), Clock.systemUTC())
            .run(List.of(Tables.GOLD_FACT_CANDLES));

    assertThat(report.ok()).isTrue();
    assertThat(
            spark
                .sql(
                    "SELECT bucket_interval, count(*) FROM "
                        + candles
                        + " WHERE coin_id = 'ret-coin' GROUP BY bucket_interval")
                .collectAsList())
        .extracting(r -> r.getString(0) + "=" + r.getLong(1))
        .containsExactlyInAnyOrder("1m=1", "5m=1", "1h=1");
  }

  private static Table table(String name) throws Exception {
    Table t = Spark3Util.loadIcebergTable(spark, "lakehouse." + name);
    t.refresh();
    return t;
  }

  private static List<Long> snapshotIds(String name) throws Exception {
    List<Long> ids = new ArrayList<>();
    for (Snapshot s : table(name).snapshots()) {
      ids.add(s.snapshotId());
    }
    return ids;
  }

  private static Map<String, Long> filesPerDay(String name) {
    return spark
        .sql(
            "SELECT CAST(partition.api_timestamp_day AS STRING) AS day, count(*) AS files FROM "
                + name
                + ".files GROUP BY 1")
        .collectAsList()
        .stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
  }

  private static String timestamp(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS).toString(); // with its Z: whatever the session zone
  }

  private static List<String> strings(List<Row> rows) {
    return rows.stream().map(Row::toString).toList();
  }
}
