package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.explode_outer;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.cryptolakehouse.model.coingecko.CoinGeckoFields;
import io.cryptolakehouse.model.coingecko.SimplePriceSchema;
import io.cryptolakehouse.model.envelope.ApiEnvelope;
import io.cryptolakehouse.spark.EnvelopeRules;
import io.cryptolakehouse.spark.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Bronze {@code /coins/markets} records, judged: one row per coin with its lineage, {@code rule}
 * null when accepted; one row per record that was rejected whole. Every record is accounted for:
 * its coins feed dim_crypto, or it (or a coin of it) is in the markets quarantine with a reason.
 */
final class MarketRecords {

  /** Whole rejected payloads are kept up to this size in the quarantine. */
  private static final int MAX_REJECTED_CHARS = 65_536;

  private MarketRecords() {}

  static Dataset<Row> classify(Dataset<Row> bronzeMarkets) {
    Dataset<Row> records =
        bronzeMarkets.select(
            col("raw_payload"),
            col("ingestion_timestamp"),
            col("kafka_partition").alias("bronze_partition"),
            col("kafka_offset").alias("bronze_offset"),
            from_json(col("raw_payload"), ApiEnvelope.SPARK_SCHEMA_DDL, Map.of()).alias("env"));
    List<Rule> rules = recordRules();
    Dataset<Row> judged =
        records
            .select(
                col("*"),
                col("env.fetched_at").try_cast("timestamp").alias("observed_at"),
                from_json(col("env.body"), SimplePriceSchema.MARKETS_BODY_SPARK_DDL, Map.of())
                    .alias("coins"))
            .select(
                col("*"),
                Rule.firstViolated(rules).alias("record_rule"),
                Rule.detailOfFirstViolated(rules).alias("record_detail"));
    Column coinWithoutId = coalesce(trim(col("coin.id")).equalTo(""), lit(true));
    return judged
        .select(
            col("*"), explode_outer(when(col("record_rule").isNull(), col("coins"))).alias("coin"))
        .select(
            col("bronze_partition"),
            col("bronze_offset"),
            col("ingestion_timestamp"),
            col("observed_at"),
            coalesce(col("env.simulated"), lit(false)).alias("is_simulated"),
            col("coin.id").alias("coin_id"),
            col("coin.symbol").alias("symbol"),
            col("coin.name").alias("name"),
            col("coin.market_cap_rank").alias("market_cap_rank"),
            coalesce(col("record_rule"), when(coinWithoutId, lit("coin_without_id"))).alias("rule"),
            coalesce(
                    col("record_detail"),
                    when(coinWithoutId, lit("a coin of the response has no CoinGecko id")))
                .alias("detail"),
            when(col("coin").isNull(), substring(col("raw_payload"), 1, MAX_REJECTED_CHARS))
                .otherwise(to_json(col("coin")))
                .alias("rejected_record"));
  }

  static Dataset<Row> accepted(Dataset<Row> classified) {
    return classified.filter(col("rule").isNull());
  }

  /** Rejects in the markets quarantine's columns, one per record, coin and rule. */
  static Dataset<Row> rejectedRows(Dataset<Row> classified) {
    return classified
        .filter(col("rule").isNotNull())
        .select(
            col("rule"),
            col("detail"),
            col("coin_id"),
            col("rejected_record"),
            col("ingestion_timestamp"),
            col("bronze_partition"),
            col("bronze_offset"),
            current_timestamp().alias("rejected_at"))
        .dropDuplicates("bronze_partition", "bronze_offset", "coin_id", "rule");
  }

  /** Over raw_payload, env (the parsed envelope), observed_at and coins (the parsed body). */
  private static List<Rule> recordRules() {
    Column body = col("env.body");
    Column apiError =
        get_json_object(body, "$.status.error_code")
            .isNotNull()
            .or(get_json_object(body, "$.error").isNotNull());
    List<Rule> rules = new ArrayList<>(EnvelopeRules.readable());
    rules.addAll(
        List.of(
            new Rule(
                "unexpected_endpoint",
                not(
                    coalesce(
                        col("env.endpoint").equalTo(CoinGeckoFields.COINS_MARKETS_PATH),
                        lit(false))),
                concat(
                    lit("endpoint '"),
                    coalesce(col("env.endpoint"), lit("null")),
                    lit("' is not " + CoinGeckoFields.COINS_MARKETS_PATH))),
            new Rule(
                "invalid_fetched_at",
                col("observed_at").isNull(),
                concat(
                    lit("fetched_at '"),
                    coalesce(col("env.fetched_at"), lit("null")),
                    lit("' is not a timestamp"))),
            new Rule(
                "future_fetched_at",
                col("observed_at")
                    .gt(
                        col("ingestion_timestamp")
                            .plus(
                                expr(
                                    "INTERVAL "
                                        + CoinVersions.MAX_CLOCK_SKEW.toSeconds()
                                        + " SECONDS"))),
                concat(
                    lit("fetched_at "),
                    col("env.fetched_at"),
                    lit(" is later than its arrival "),
                    col("ingestion_timestamp").cast("string"),
                    lit(" plus " + CoinVersions.MAX_CLOCK_SKEW.toSeconds() + " s"))),
            EnvelopeRules.successStatus(),
            new Rule(
                "api_error_body",
                coalesce(apiError, lit(false)),
                concat(
                    lit("the API answered with an error: "),
                    substring(body, 1, EnvelopeRules.QUOTE_CHARS))),
            new Rule(
                "body_not_a_coin_list",
                col("coins").isNull(),
                concat(
                    lit("body is not a JSON list of coins: "),
                    substring(body, 1, EnvelopeRules.QUOTE_CHARS))),
            new Rule("no_coins", size(col("coins")).equalTo(0), lit("the body lists no coin"))));
    return rules;
  }
}
