package io.cryptolakehouse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptolakehouse.model.Tables;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The real {@code ./run-local.sh}: runs the pipeline, stops it, restarts it, queries it while it
 * runs and after it stopped, and checks that every message is accounted for.
 */
class RunLocalIT {

  /** One row of counts that must agree when the pipeline has stopped after draining. */
  static final String ACCOUNTING =
      """
      WITH b AS (SELECT kafka_partition AS p, kafka_offset AS o FROM bronze.crypto_ticks_raw),
      seen AS (
        SELECT bronze_partition AS p, bronze_offset AS o FROM silver.crypto_prices_clean
        UNION SELECT bronze_partition, bronze_offset FROM silver.crypto_prices_rejected)
      SELECT
        (SELECT count(*) FROM bronze.crypto_ticks_raw)
          + (SELECT count(*) FROM bronze.coin_markets_raw) AS bronze_rows,
        (SELECT count(DISTINCT kafka_topic, kafka_partition, kafka_offset)
           FROM bronze.crypto_ticks_raw)
          + (SELECT count(DISTINCT kafka_topic, kafka_partition, kafka_offset)
           FROM bronze.coin_markets_raw) AS bronze_distinct,
        (SELECT count(*) FROM b LEFT ANTI JOIN seen ON b.p = seen.p AND b.o = seen.o)
          AS bronze_unaccounted,
        (SELECT count(*) FROM silver.crypto_prices_clean) AS silver_rows,
        (SELECT count(DISTINCT crypto_symbol, api_timestamp) FROM silver.crypto_prices_clean)
          AS silver_distinct,
        (SELECT count(*) FROM silver.crypto_prices_rejected) AS rejected_rows,
        (SELECT count(DISTINCT crypto_symbol) FROM silver.crypto_prices_clean) AS silver_coins,
        (SELECT count(DISTINCT crypto_symbol, date_trunc('HOUR', api_timestamp))
           FROM silver.crypto_prices_clean) AS silver_coin_hours,
        (SELECT count(*) FROM gold.fact_crypto_ticks) AS gold_ticks,
        (SELECT count(DISTINCT coin_id, api_timestamp) FROM gold.fact_crypto_ticks)
          AS gold_ticks_distinct,
        (SELECT count(*) FROM gold.fact_crypto_hourly) AS hourly_rows,
        (SELECT count(DISTINCT coin_id) FROM gold.fact_crypto_hourly) AS hourly_coins,
        (SELECT count(*) FROM gold.fact_crypto_hourly
           WHERE open_price IS NULL OR high_price IS NULL OR low_price IS NULL
              OR close_price IS NULL OR tick_count < 1) AS hourly_incomplete
      """;

  private static Path dataDir(String name) throws Exception {
    Path dir = Path.of("target", "run-local-it", name).toAbsolutePath();
    Files.createDirectories(dir);
    return dir;
  }

  /**
   * One data dir, two runs, as a user meets them: recorded responses replayed (every one reaches
   * Gold or quarantine, and the questions answer from them), then a restart on live (simulated)
   * data that resumes from the checkpoints and is stopped with Ctrl-C.
   */
  @Test
  void replayedResponsesReachGoldThenARestartResumesWithoutDuplicates() throws Exception {
    Path dir = dataDir("pipeline");
    ReplayFile replay =
        ReplayFile.write(dir.resolveSibling("replay.jsonl"), Instant.parse("2026-11-20T09:05:00Z"));
    try (RunLocalCli cli = new RunLocalCli(dir)) {
      JsonNode counts = replayRun(cli, replay);
      maintainOnDemand(cli);
      restartOnLiveData(cli, counts, replay.lines());
    }
  }

  /** Maintenance once more on demand: per table, files and snapshots before and after. */
  private static void maintainOnDemand(RunLocalCli cli) throws Exception {
    RunLocalCli.Result maintenance = cli.run("maintenance", "maintenance", "--format", "jsonl");
    assertThat(maintenance.exitCode()).as(maintenance.stderr()).isZero();
    List<JsonNode> tables = maintenance.json();
    assertThat(tables)
        .extracting(t -> t.get("table").asText())
        .containsExactlyElementsOf(Tables.ALL.stream().map(Object::toString).toList());
    assertThat(tables)
        .allSatisfy(
            t -> {
              assertThat(t.get("error").isNull()).as(t.toString()).isTrue();
              assertThat(t.get("data_files_after").asLong())
                  .isLessThanOrEqualTo(t.get("data_files_before").asLong());
              assertThat(t.get("snapshots_after").asLong())
                  .isLessThanOrEqualTo(t.get("snapshots_before").asLong() + 3);
            });
  }

  /**
   * Restart on the same data: resumes from the checkpoints, queried while it runs, then stopped the
   * way a user stops it (Ctrl-C, here SIGTERM); the duration is only a backstop. The accounting
   * after it also shows that the maintenance runs left the data intact.
   */
  private static void restartOnLiveData(RunLocalCli cli, JsonNode counts, long published)
      throws Exception {
    Process second =
        cli.startPipeline(
            "second-run", "--source", "simulated", "--duration", "900", "--format", "jsonl");
    Path runtime = cli.dataDirPath().resolve("runtime.properties");
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> "pipeline".equals(properties(runtime).getProperty("mode")));
    dashboardShowsTheCoinsAndStreamsLivePrices(cli);
    listensOnLoopbackOnly(second, cli);
    JsonNode live =
        cli.run(
                "while-running",
                "sql",
                "SELECT (SELECT count(*) FROM bronze.crypto_ticks_raw)"
                    + " + (SELECT count(*) FROM bronze.coin_markets_raw) AS n",
                "--format",
                "jsonl")
            .row();
    assertThat(live.get("n").asLong()).isGreaterThanOrEqualTo(counts.get("bronze_rows").asLong());
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> cli.lastPublished("second-run") > published);
    second.destroy(); // SIGTERM: the same ordered drain as --duration, exit code 0
    RunLocalCli.Result secondRun = cli.finish(second, 420, "second-run");
    assertThat(secondRun.exitCode()).as(secondRun.stderr()).isZero();
    assertThat(secondRun.stderr())
        .contains("dashboard " + cli.dashboardUrl())
        .contains("Stopping cleanly")
        .contains("Draining gold")
        .doesNotContain("--duration reached");
    long publishedAfter = last(secondRun.json()).get("kafka_published").asLong();
    assertThat(publishedAfter).isGreaterThan(published);

    JsonNode after = cli.run("accounting-2", "sql", ACCOUNTING, "--format", "jsonl").row();
    assertConsistent(after, publishedAfter);
    assertThat(after.get("silver_rows").asLong()).isGreaterThan(counts.get("silver_rows").asLong());
    assertThat(after.get("hourly_coins").asLong())
        .as("every simulated coin has hourly OHLC")
        .isEqualTo(after.get("silver_coins").asLong())
        .isEqualTo(10);
  }

  /**
   * Every server of the run — Kafka, S3, the metastore, Spark (its UI and driver), the producer and
   * the dashboard — listens on loopback only, and the data dir and its credentials are the owner's.
   */
  private static void listensOnLoopbackOnly(Process run, RunLocalCli cli) throws Exception {
    List<InetSocketAddress> sockets = ListeningSockets.of(run.toHandle());
    assertThat(sockets.size()).as("listening sockets: %s", sockets).isGreaterThanOrEqualTo(7);
    assertThat(sockets)
        .allSatisfy(s -> assertThat(s.getAddress().isLoopbackAddress()).as(s.toString()).isTrue());
    assertThat(sockets)
        .extracting(InetSocketAddress::getPort)
        .contains(URI.create(cli.dashboardUrl()).getPort());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.dataDirPath())))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(
                    cli.dataDirPath().resolve("s3-credentials.properties"))))
        .isEqualTo("rw-------");
  }

  /**
   * The run's dashboard (its URL in the header) lists Gold's coins and streams new prices. The
   * simulated coins appear once their first live bars reach Gold: after the producer's start and
   * each layer's first batch in a cold JVM, which took 57 s on an idle 2-core machine and longer
   * under CI's load. The bound is a backstop, not a latency goal (the freshness bench measures
   * that).
   */
  private static void dashboardShowsTheCoinsAndStreamsLivePrices(RunLocalCli cli) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String url = cli.dashboardUrl();
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(
            () ->
                http.send(
                                HttpRequest.newBuilder(URI.create(url + "/api/coins")).build(),
                                HttpResponse.BodyHandlers.ofString())
                            .body()
                            .split("\"coin_id\"", -1)
                            .length
                        - 1
                    == 10);
    try (EventStream stream = new EventStream(http, url)) {
      await().atMost(Duration.ofSeconds(45)).until(() -> stream.lines().contains("event:price"));
    }
  }

  /**
   * The replayed run: every response in Bronze, each observation in Silver or quarantine. The run
   * ends at its {@code --duration}, which must leave the producer time to start (17 s under CI's
   * load) and publish the file's lines, one a second; the replay does not loop, so a longer run
   * publishes nothing more.
   */
  private static JsonNode replayRun(RunLocalCli cli, ReplayFile replay) throws Exception {
    RunLocalCli.Result run =
        cli.finish(
            cli.startPipeline(
                "pipeline",
                "--source",
                "replay:" + replay.file(),
                "--interval",
                "1",
                "--duration",
                "90",
                "--maintenance-interval",
                "12",
                "--reset",
                "--format",
                "jsonl"),
            420,
            "pipeline");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    JsonNode stopped = last(run.json());
    assertThat(stopped.get("state").asText()).isEqualTo("stopped");
    assertThat(stopped.get("kafka_published").asLong()).isEqualTo(replay.lines());
    // Maintenance ran beside the streams (the stop waits for a run in progress).
    JsonNode scheduled = stopped.get("maintenance").get("last");
    assertThat(scheduled.isNull()).as("a scheduled maintenance run finished").isFalse();
    assertThat(scheduled.get("tables")).hasSize(Tables.ALL.size());

    JsonNode counts = cli.run("accounting", "sql", ACCOUNTING, "--format", "jsonl").row();
    assertConsistent(counts, replay.lines());
    assertThat(counts.get("silver_rows").asLong()).isEqualTo(replay.validObservations());
    assertThat(counts.get("rejected_rows").asLong()).isEqualTo(replay.rejectedObservations());
    assertThat(counts.get("hourly_rows").asLong()).isEqualTo(replay.coinHours());

    // The business questions run by name against the replayed (real, not simulated) data; this
    // command also logs where its classes came from.
    Path classLoads = cli.dataDirPath().resolve("q1-class-loads.log");
    cli.environment().put("RUN_LOCAL_JAVA_OPTS", "-Xmx2g -Xlog:class+load=info:file=" + classLoads);
    JsonNode q1 =
        cli.run(
                "q1",
                "query",
                "q1",
                "--coin",
                "bitcoin",
                "--as-of",
                replay.last().toString(),
                "--format",
                "jsonl")
            .row();
    assertThat(q1.get("price_usd").decimalValue()).isEqualByComparingTo(replay.lastBitcoinPrice());
    // Time travel to before the lakehouse's history (its snapshots are from today, the replayed
    // prices from November) is an answer, not an error: nothing was known then, and since when.
    RunLocalCli.Result q3 =
        cli.run(
            "q3",
            "query",
            "q3_price_2h_ago_time_travel",
            "--as-of",
            replay.last().toString(),
            "--format",
            "jsonl");
    assertThat(q3.exitCode()).as(q3.stderr()).isZero();
    JsonNode reach = q3.row();
    assertThat(reach.get("answer").asText())
        .startsWith("no snapshot of silver.crypto_prices_clean as old as 2026-11-20T");
    assertThat(Instant.parse(reach.get("history_since").asText())).isAfter(replay.last());

    // run-local.sh wrote this build's class-data archive at its first use; later commands map
    // most of their classes from it (~20 000; the JDK's own archive gives ~1 200 more).
    cli.environment().remove("RUN_LOCAL_JAVA_OPTS");
    try (var lines = Files.lines(classLoads)) {
      assertThat(lines.filter(l -> l.contains("source: shared objects file (top)")).count())
          .as("classes loaded from the build's archive")
          .isGreaterThan(10_000);
    }
    return counts;
  }

  private static void assertConsistent(JsonNode c, long published) {
    assertThat(c.get("bronze_rows").asLong())
        .as("Bronze = messages published")
        .isEqualTo(published);
    assertThat(c.get("bronze_distinct").asLong()).as("no Bronze duplicate").isEqualTo(published);
    assertThat(c.get("bronze_unaccounted").asLong())
        .as("every Bronze price row is in Silver or quarantine")
        .isZero();
    assertThat(c.get("silver_rows").asLong()).isPositive();
    assertThat(c.get("silver_distinct").asLong())
        .as("no Silver duplicate")
        .isEqualTo(c.get("silver_rows").asLong());
    assertThat(c.get("gold_ticks").asLong())
        .as("one Gold tick per Silver observation")
        .isEqualTo(c.get("silver_rows").asLong())
        .isEqualTo(c.get("gold_ticks_distinct").asLong());
    assertThat(c.get("hourly_rows").asLong())
        .as("one hourly bar per coin and hour of Silver")
        .isEqualTo(c.get("silver_coin_hours").asLong());
    assertThat(c.get("hourly_incomplete").asLong()).as("OHLC present").isZero();
  }

  private static JsonNode last(List<JsonNode> lines) {
    assertThat(lines).isNotEmpty();
    return lines.get(lines.size() - 1);
  }

  private static Properties properties(Path file) throws Exception {
    Properties p = new Properties();
    if (Files.exists(file)) {
      try (var in = Files.newInputStream(file)) {
        p.load(in);
      }
    }
    return p;
  }
}
