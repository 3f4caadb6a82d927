package io.cryptolakehouse.local.support;

import io.cryptolakehouse.gold.GoldConfig;
import io.cryptolakehouse.gold.GoldRecompute;
import io.cryptolakehouse.gold.MarketsAudit;
import io.cryptolakehouse.model.TableId;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.model.Topics;
import io.cryptolakehouse.silver.SilverAudit;
import io.cryptolakehouse.silver.SilverConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What must hold once the pipeline has drained, whatever was killed on the way: every published
 * message is one Bronze row; every Bronze row is in Silver, in the quarantine, or both (and every
 * valid observation in Silver); every coin-markets row feeds dim_crypto or is in its quarantine; no
 * Silver or quarantine key twice; Gold equals a batch recompute from Silver; no alert episode
 * twice. Public for the Compose end-to-end test, which checks the same on the stack Docker runs.
 */
public final class Invariants {

  /** The counts, and the checks that failed (empty when all hold). */
  public record Result(Map<String, Long> counts, List<String> violations) {
    public boolean ok() {
      return violations.isEmpty();
    }
  }

  private static final String[] KEY = Tables.SILVER_KEY.toArray(String[]::new);

  private final SparkSession spark;
  private final String catalog;

  public Invariants(SparkSession spark, String catalog) {
    this.spark = spark;
    this.catalog = catalog;
  }

  /** Checks the tables against {@code produced}, the messages ever published to the topics. */
  public Result check(long produced) {
    Map<String, Long> c = new LinkedHashMap<>();
    c.put("produced", produced);
    Dataset<Row> bronze =
        table(Tables.BRONZE_TICKS_RAW)
            .select("kafka_topic", "kafka_partition", "kafka_offset")
            .union(
                table(Tables.BRONZE_COIN_MARKETS_RAW)
                    .select("kafka_topic", "kafka_partition", "kafka_offset"));
    c.put("bronze_rows", bronze.count());
    c.put("bronze_distinct", bronze.distinct().count());
    Dataset<Row> silver = table(Tables.SILVER_PRICES_CLEAN);
    Dataset<Row> quarantine = table(Tables.SILVER_PRICES_REJECTED);
    c.put("silver_rows", silver.count());
    c.put("quarantine_rows", quarantine.count());
    c.put("bronze_unaccounted", unaccounted(silver, quarantine));
    c.put("observations_lost", observationsLost(silver, quarantine));
    Dataset<Row> marketsQuarantine = table(Tables.GOLD_COIN_MARKETS_REJECTED);
    c.put("markets_quarantine_rows", marketsQuarantine.count());
    c.put("markets_unaccounted", marketsUnaccounted(marketsQuarantine));
    c.put(
        "markets_quarantine_duplicate_keys",
        duplicates(marketsQuarantine, "bronze_partition", "bronze_offset", "coin_id", "rule"));
    c.put("silver_duplicate_keys", duplicates(silver, KEY));
    c.put(
        "quarantine_duplicate_keys",
        duplicates(quarantine, "bronze_partition", "bronze_offset", "crypto_symbol", "rule"));
    c.put("gold_ticks_mismatched", goldTicksMismatched(silver));
    c.put(
        "gold_hourly_mismatched",
        mismatched(GoldRecompute.hourlyBars(silver), table(Tables.GOLD_FACT_HOURLY)));
    c.put(
        "gold_candles_mismatched",
        mismatched(GoldRecompute.candles(silver), table(Tables.GOLD_FACT_CANDLES)));
    c.put("gold_volatility_mismatched", volatilityMismatched(silver));
    Dataset<Row> alerts = table(Tables.GOLD_PRICE_ALERTS);
    c.put("alerts", alerts.count());
    c.put("alert_duplicates", duplicates(alerts, "alert_id"));
    c.put(
        "alerts_mismatched",
        mismatched(
            GoldRecompute.alertIds(
                silver, GoldConfig.DEFAULT_DROP_THRESHOLD_PCT, GoldConfig.DEFAULT_DROP_WINDOW),
            alerts.select("alert_id")));
    return new Result(c, violations(c));
  }

  /**
   * {@link #check(long)}, and Bronze against the topics record by record: each Kafka record is one
   * Bronze row with its value, and no fetched response was published twice. A response's identity
   * is its envelope (fetch time to the millisecond, endpoint, ids, body) in its topic: two records
   * with the same envelope in one topic are one fetch sent twice, which counts alone cannot see
   * (Kafka's end offsets include the copy).
   */
  public Result check(long produced, String bootstrapServers) {
    Result counts = check(produced);
    Map<String, Long> c = new LinkedHashMap<>(counts.counts());
    Dataset<Row> kafka =
        spark
            .read()
            .format("kafka")
            .option("kafka.bootstrap.servers", bootstrapServers)
            .option("subscribe", Topics.PRICES_RAW + "," + Topics.COIN_MARKETS_RAW)
            .option("startingOffsets", "earliest")
            .option("endingOffsets", "latest")
            .load()
            .selectExpr(
                "topic AS kafka_topic",
                "partition AS kafka_partition",
                "offset AS kafka_offset",
                "CAST(value AS STRING) AS raw_payload")
            .selectExpr(RESPONSE_COLUMNS)
            .persist();
    try {
      Dataset<Row> bronze =
          table(Tables.BRONZE_TICKS_RAW)
              .selectExpr(RESPONSE_COLUMNS)
              .union(table(Tables.BRONZE_COIN_MARKETS_RAW).selectExpr(RESPONSE_COLUMNS));
      c.put("kafka_records", kafka.count());
      c.put("responses_published_twice", duplicates(envelopes(kafka), "kafka_topic", "response"));
      c.put("bronze_responses_twice", duplicates(envelopes(bronze), "kafka_topic", "response"));
      c.put("bronze_kafka_mismatched", mismatched(kafka, bronze));
    } finally {
      kafka.unpersist();
    }
    List<String> v = new ArrayList<>(counts.violations());
    for (String zero :
        List.of("responses_published_twice", "bronze_responses_twice", "bronze_kafka_mismatched")) {
      if (c.get(zero) != 0) {
        v.add(zero + " = " + c.get(zero));
      }
    }
    return new Result(c, v);
  }

  /** Where a record is, and a digest of its value (a response can be 1 MB). */
  private static final String[] RESPONSE_COLUMNS = {
    "kafka_topic",
    "kafka_partition",
    "kafka_offset",
    "sha2(raw_payload, 256) AS response",
    "get_json_object(raw_payload, '$.fetched_at') IS NOT NULL AS is_envelope"
  };

  /** Records that are producer envelopes (poison records may repeat a value on purpose). */
  private static Dataset<Row> envelopes(Dataset<Row> records) {
    return records.filter("is_envelope");
  }

  private static List<String> violations(Map<String, Long> c) {
    List<String> v = new ArrayList<>();
    if (c.get("bronze_rows") != c.get("produced").longValue()
        || c.get("bronze_distinct") != c.get("produced").longValue()) {
      v.add(
          "produced %d messages, Bronze has %d rows (%d distinct)"
              .formatted(c.get("produced"), c.get("bronze_rows"), c.get("bronze_distinct")));
    }
    for (String zero :
        List.of(
            "bronze_unaccounted",
            "observations_lost",
            "markets_unaccounted",
            "markets_quarantine_duplicate_keys",
            "silver_duplicate_keys",
            "quarantine_duplicate_keys",
            "gold_ticks_mismatched",
            "gold_hourly_mismatched",
            "gold_volatility_mismatched",
            "alert_duplicates",
            "alerts_mismatched")) {
      if (c.get(zero) != 0) {
        v.add(zero + " = " + c.get(zero));
      }
    }
    return v;
  }

  private Dataset<Row> table(TableId id) {
    return spark.table(id.qualifiedIn(catalog));
  }

  /**
   * Bronze price messages with no trace: not in Silver's or the quarantine's lineage, and no valid
   * observation in Silver either (a message repeating observations Silver already has is accounted
   * for by them).
   */
  private long unaccounted(Dataset<Row> silver, Dataset<Row> quarantine) {
    Dataset<Row> seen =
        silver
            .select("bronze_partition", "bronze_offset")
            .union(quarantine.select("bronze_partition", "bronze_offset"))
            .union(validObservations().select("bronze_partition", "bronze_offset"))
            .distinct();
    return withoutTrace(table(Tables.BRONZE_TICKS_RAW), seen);
  }

  /** Bronze coin-markets records neither used for dim_crypto nor in the markets quarantine. */
  private long marketsUnaccounted(Dataset<Row> marketsQuarantine) {
    Dataset<Row> bronze = table(Tables.BRONZE_COIN_MARKETS_RAW);
    Dataset<Row> seen =
        MarketsAudit.usedRecords(bronze)
            .union(marketsQuarantine.select("bronze_partition", "bronze_offset"))
            .distinct();
    return withoutTrace(bronze, seen);
  }

  /** Bronze rows whose Kafka position is not among {@code seen}'s lineage. */
  private static long withoutTrace(Dataset<Row> bronze, Dataset<Row> seen) {
    return bronze
        .join(
            seen,
            bronze
                .col("kafka_partition")
                .equalTo(seen.col("bronze_partition"))
                .and(bronze.col("kafka_offset").equalTo(seen.col("bronze_offset"))),
            "left_anti")
        .count();
  }

  /** Valid observations in Bronze that are neither in Silver (by key) nor quarantined. */
  private long observationsLost(Dataset<Row> silver, Dataset<Row> quarantine) {
    Dataset<Row> lost =
        validObservations()
            .join(
                silver.select(KEY[0], java.util.Arrays.copyOfRange(KEY, 1, KEY.length)),
                KEY,
                "left_anti")
            .join(
                quarantine.select("bronze_partition", "bronze_offset", "crypto_symbol"),
                new String[] {"bronze_partition", "bronze_offset", "crypto_symbol"},
                "left_anti");
    return lost.count();
  }

  private Dataset<Row> validObservations() {
    return SilverAudit.validObservations(
        table(Tables.BRONZE_TICKS_RAW), SilverConfig.DEFAULT_MAX_OBSERVATION_AGE);
  }

  private static long duplicates(Dataset<Row> rows, String... key) {
    return rows.groupBy(key[0], java.util.Arrays.copyOfRange(key, 1, key.length))
        .count()
        .filter("count > 1")
        .count();
  }

  /** Rows in one and not the other, counted with multiplicity, both ways. */
  private static long mismatched(Dataset<Row> expected, Dataset<Row> actual) {
    Dataset<Row> a = actual.selectExpr(expected.columns());
    return expected.exceptAll(a).count() + a.exceptAll(expected).count();
  }

  private long goldTicksMismatched(Dataset<Row> silver) {
    Dataset<Row> expected =
        silver.selectExpr(
            "crypto_symbol AS coin_id",
            "api_timestamp",
            "price_usd",
            "volume_24h",
            "market_cap_usd",
            "percent_change_24h",
            "source",
            "is_simulated");
    return mismatched(expected, table(Tables.GOLD_FACT_TICKS));
  }

  /** Volatility is a floating-point sum: equal within 1e-9 relative, the rest exactly. */
  private long volatilityMismatched(Dataset<Row> silver) {
    GoldRecompute.dailyVolatility(silver).createOrReplaceTempView("chaos_expected_volatility");
    table(Tables.GOLD_DAILY_VOLATILITY).createOrReplaceTempView("chaos_actual_volatility");
    return spark
        .sql(
            """
            SELECT count(*) FROM chaos_expected_volatility e
            FULL OUTER JOIN chaos_actual_volatility a
              ON e.coin_id = a.coin_id AND e.day = a.day AND e.is_simulated = a.is_simulated
            WHERE e.coin_id IS NULL OR a.coin_id IS NULL
               OR e.observations <> a.observations
               OR e.min_price <> a.min_price OR e.max_price <> a.max_price
               OR NOT (e.volatility <=> a.volatility
                       OR abs(e.volatility - a.volatility)
                          <= 1e-9 * greatest(abs(e.volatility), abs(a.volatility)))
            """)
        .first()
        .getLong(0);
  }
}
