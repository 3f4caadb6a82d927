package io.cryptolakehouse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code ./run-local.sh backfill} beside a running pipeline, against a served {@code
 * market_chart/range}: 3 days × 3 coins with a 429 in the middle and a stop mid-way, then resumed;
 * gap repair of the hours the API had left out; a repeat that changes nothing.
 */
class BackfillIT {

  private static final List<String> COINS = List.of("bitcoin", "ethereum", "solana");

  /** Silver and Gold in one row: counts, and content hashes that change if any value does. */
  private static final String STATE =
      """
      SELECT
        (SELECT count(*) FROM silver.crypto_prices_clean WHERE source = 'backfill') AS silver_rows,
        (SELECT count(DISTINCT crypto_symbol, api_timestamp) FROM silver.crypto_prices_clean)
          AS silver_distinct,
        (SELECT count(*) FROM silver.crypto_prices_clean) AS silver_all,
        (SELECT count(*) FROM gold.fact_crypto_ticks) AS gold_ticks,
        (SELECT count(*) FROM gold.fact_crypto_hourly) AS hourly_rows,
        (SELECT sum(tick_count) FROM gold.fact_crypto_hourly) AS hourly_ticks,
        (SELECT sum(hash(coin_id, hour_start, open_price, high_price, low_price, close_price,
                         tick_count)) FROM gold.fact_crypto_hourly) AS hourly_hash,
        (SELECT sum(hash(coin_id, api_timestamp, price_usd, volume_24h, market_cap_usd))
           FROM gold.fact_crypto_ticks) AS ticks_hash,
        (SELECT count(*) FROM gold.fact_crypto_hourly
           WHERE open_price IS NULL OR close_price IS NULL OR tick_count < 1) AS hourly_incomplete
      """;

  @Test
  void backfillsResumesRepairsGapsAndRepeatsIdempotently() throws Exception {
    Path dir = Path.of("target", "run-local-it", "backfill").toAbsolutePath();
    Files.createDirectories(dir);
    Path replay = dir.resolveSibling("backfill-live.jsonl");
    // Live data: one observation of a coin the backfill does not touch.
    Files.writeString(replay, "{\"tether\":{\"usd\":1.0001,\"last_updated_at\":1763800000}}\n");
    try (ChartServer api = new ChartServer();
        RunLocalCli cli = new RunLocalCli(dir)) {
      cli.environment().put("BACKFILL_CHUNK_DAYS", "2"); // two calls per coin for 3 days
      cli.environment().put("COINGECKO_CALLS_PER_MINUTE", "600"); // a local API: no budget
      // A pinned range: the repeat must ask exactly what the first run asked, whatever the hour.
      Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS);
      String[] range = {
        "--from",
        to.minus(Duration.ofDays(3)).toString(),
        "--to",
        to.toString(),
        "--coins",
        String.join(",", COINS)
      };
      long firstHour = to.minus(Duration.ofDays(3)).getEpochSecond() / 3600;
      for (long h = firstHour + 10; h < firstHour + 15; h++) {
        api.holes.add("solana@" + h); // 5 hours the API has no data for, at first
      }
      Process pipeline =
          cli.startPipeline(
              "pipeline",
              "--source",
              "replay:" + replay,
              "--reset",
              "--format",
              "jsonl",
              "--refresh",
              "30");
      DataDir data = new DataDir(dir);
      await()
          .atMost(Duration.ofMinutes(4))
          .until(
              () -> {
                java.util.Properties runtime = data.read(data.runtimeFile());
                return String.valueOf(pipeline.pid()).equals(runtime.getProperty(RuntimeInfo.PID))
                    && RuntimeInfo.PIPELINE.equals(runtime.getProperty(RuntimeInfo.MODE));
              });

      // 1. Six calls (2-day chunks); the 2nd is rate-limited; stopped while the 4th is in flight.
      api.rateLimitCall = 2;
      api.holdCall = 5;
      Process first = cli.start("backfill-1", backfill(api, range));
      assertThat(api.held.await(4, TimeUnit.MINUTES)).as("the 4th call arrived").isTrue();
      first.destroy(); // SIGTERM, as Ctrl-C: the call in flight completes and is published
      Path producerLog = dir.resolve("logs").resolve("backfill.log");
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> Files.readString(producerLog).contains("Stopping the backfill"));
      api.release.countDown();
      RunLocalCli.Result stopped = cli.finish(first, 300, "backfill-1");
      assertThat(stopped.exitCode()).as(stopped.stderr()).isEqualTo(130);
      List<ChartServer.Call> firstCalls = api.calls();
      assertThat(firstCalls)
          .extracting(ChartServer.Call::status)
          .containsExactly(200, 429, 200, 200, 200);
      assertThat(Duration.between(firstCalls.get(1).at(), firstCalls.get(2).at()))
          .as("Retry-After honoured")
          .isGreaterThanOrEqualTo(Duration.ofMillis(1900));

      // 2. The same command resumes: only the chunks not yet published are fetched.
      RunLocalCli.Result resumed = cli.run("backfill-2", backfill(api, range));
      assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
      List<ChartServer.Call> allCalls = api.calls();
      Map<String, Long> fetched =
          allCalls.stream()
              .filter(c -> c.status() == 200)
              .collect(
                  Collectors.groupingBy(
                      c -> c.coin() + c.from() + "-" + c.to(), Collectors.counting()));
      assertThat(fetched).hasSize(6).allSatisfy((chunk, times) -> assertThat(times).isOne());

      // Both runs' reports together: every hour of the range, but the 5 the API left out.
      Map<String, Long> added = new HashMap<>();
      for (RunLocalCli.Result run : List.of(stopped, resumed)) {
        run.json()
            .forEach(
                r ->
                    added.merge(
                        r.get("coin").asText(), r.get("observations_added").asLong(), Long::sum));
      }
      assertThat(added)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of("bitcoin", 72L, "ethereum", 72L, "solana", 67L));

      // 3. Gap repair: the API now has those hours; exactly they are added (and, if a new hour
      // began since the first run, that hour of each coin: Silver has nothing there either).
      api.holes.clear();
      RunLocalCli.Result gaps = cli.run("backfill-gaps", backfill(api, "--gaps", "--days", "3"));
      assertThat(gaps.exitCode()).as(gaps.stderr()).isZero();
      long repaired = sumAdded(byCoin(gaps.json()));
      assertThat(repaired).isIn(5L, 8L);
      String holes =
          "SELECT count(*) FROM silver.crypto_prices_clean WHERE crypto_symbol = 'solana'"
              + " AND api_timestamp >= TIMESTAMP '%s' AND api_timestamp < TIMESTAMP '%s'"
                  .formatted(
                      Instant.ofEpochSecond((firstHour + 10) * 3600),
                      Instant.ofEpochSecond((firstHour + 15) * 3600));
      JsonNode afterGaps = state(cli, "state-2", holes);
      assertThat(afterGaps.get("holes_filled").asLong()).isEqualTo(5);
      assertThat(afterGaps.get("silver_rows").asLong()).isEqualTo(211 + repaired);
      assertThat(afterGaps.get("silver_distinct").asLong())
          .isEqualTo(afterGaps.get("silver_all").asLong());
      assertThat(afterGaps.get("gold_ticks").asLong())
          .isEqualTo(afterGaps.get("silver_all").asLong());
      assertThat(afterGaps.get("hourly_ticks").asLong())
          .isEqualTo(afterGaps.get("silver_all").asLong());
      assertThat(afterGaps.get("hourly_incomplete").asLong()).isZero();

      // 4. The same backfill again: every point's hour is observed; Silver and Gold unchanged.
      RunLocalCli.Result repeat = cli.run("backfill-3", backfill(api, range));
      assertThat(repeat.exitCode()).as(repeat.stderr()).isZero();
      Map<String, JsonNode> repeated = byCoin(repeat.json());
      assertThat(repeated).containsOnlyKeys(COINS);
      repeated
          .values()
          .forEach(
              row -> {
                assertThat(row.get("observations_added").asLong()).isZero();
                assertThat(row.get("points_already_observed").asLong()).isEqualTo(72);
              });
      assertThat(state(cli, "state-3", holes)).isEqualTo(afterGaps);
    }
  }

  private static String[] backfill(ChartServer api, String... options) {
    List<String> args = new java.util.ArrayList<>(List.of("backfill"));
    args.addAll(List.of(options));
    args.addAll(List.of("--coingecko-url", api.baseUrl(), "--format", "jsonl"));
    return args.toArray(String[]::new);
  }

  private static JsonNode state(RunLocalCli cli, String name, String holesQuery) throws Exception {
    String sql = STATE + ", (" + holesQuery + ") AS holes_filled";
    return cli.run(name, "sql", sql, "--format", "jsonl").row();
  }

  private static Map<String, JsonNode> byCoin(List<JsonNode> rows) {
    Map<String, JsonNode> byCoin = new HashMap<>();
    rows.forEach(r -> byCoin.put(r.get("coin").asText(), r));
    return byCoin;
  }

  private static long sumAdded(Map<String, JsonNode> rows) {
    return rows.values().stream().mapToLong(r -> r.get("observations_added").asLong()).sum();
  }
}
