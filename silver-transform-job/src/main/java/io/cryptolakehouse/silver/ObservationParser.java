package io.cryptolakehouse.silver;

import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.LAST_UPDATED_AT;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.USD;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.USD_24H_CHANGE;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.USD_24H_VOL;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.USD_MARKET_CAP;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.explode_outer;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.try_parse_json;
import static org.apache.spark.sql.functions.when;

import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.model.coingecko.SimplePriceSchema;
import io.cryptolakehouse.model.envelope.ApiEnvelope;
import io.cryptolakehouse.model.envelope.SourceKind;
import io.cryptolakehouse.silver.ObservationRules.NumericField;
import io.cryptolakehouse.spark.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;

/**
 * Bronze rows to classified observations: one row per coin per message (or one per message when the
 * message itself is rejected), each with its typed values and, if rejected, the rule and a detail.
 * Pure: no I/O, unit-tested on static rows.
 */
final class ObservationParser {

  /** Prices keep 18 decimals: DECIMAL(18,8) would round a price of 2.02027e-10 to zero. */
  static final String PRICE_TYPE = "DECIMAL(38,18)";

  static final String AMOUNT_TYPE = "DECIMAL(38,8)";
  static final String PERCENT_TYPE = "DECIMAL(38,18)";

  /** Epoch seconds accepted as a timestamp (up to year 3000); beyond, the value is garbage. */
  private static final long MAX_EPOCH_SECONDS = 32_503_680_000L;

  /** The rule of a valid observation that contradicts an earlier copy of its key. */
  static final String CONFLICT = "conflicting_duplicate";

  /** Column of a classified row: the copy of its key Silver writes (false for a rejected row). */
  static final String KEPT = "kept_copy";

  /** Whole rejected payloads are kept up to this size in the quarantine. */
  static final int MAX_REJECTED_CHARS = 65_536;

  static final List<NumericField> NUMERIC_FIELDS =
      List.of(
          new NumericField(USD, "price_usd", PRICE_TYPE),
          new NumericField(USD_24H_VOL, "volume_24h", AMOUNT_TYPE),
          new NumericField(USD_MARKET_CAP, "market_cap_usd", AMOUNT_TYPE),
          new NumericField(USD_24H_CHANGE, "percent_change_24h", PERCENT_TYPE));

  private ObservationParser() {}

  /**
   * Takes Bronze rows; returns classified observations (rule null = valid). Each step is one {@code
   * select}: Spark analyses a Dataset's whole plan each time one is made, so the ~20 chained {@code
   * withColumn}s this was built from took 29 % of the Silver query thread's time in a profile.
   */
  static Dataset<Row> classify(Dataset<Row> bronze, Duration maxObservationAge) {
    List<Rule> messageRules = ObservationRules.messageRules();
    Dataset<Row> envelopes =
        bronze.select(
            col("raw_payload"),
            col("ingestion_timestamp"),
            col("kafka_partition").alias("bronze_partition"),
            col("kafka_offset").alias("bronze_offset"),
            from_json(col("raw_payload"), ApiEnvelope.SPARK_SCHEMA_DDL, Map.of()).alias("env"));
    Dataset<Row> bodies =
        envelopes.select(
            col("*"),
            try_parse_json(col("env.body"))
                .try_cast(SimplePriceSchema.BODY_SPARK_DDL)
                .alias("coins"),
            col("env.source").alias("source"),
            coalesce(col("env.fetched_at").try_cast("timestamp"), col("ingestion_timestamp"))
                .alias("fetched_at"));
    Dataset<Row> messages =
        bodies.select(
            col("*"),
            Rule.firstViolated(messageRules).alias("msg_rule"),
            Rule.detailOfFirstViolated(messageRules).alias("msg_detail"));
    Dataset<Row> entries =
        messages.select(
            col("*"),
            explode_outer(when(col("msg_rule").isNull(), MarketChart.entries())).alias("entry"));
    Dataset<Row> quotes =
        entries.select(
            col("*"),
            col("entry.crypto_symbol").alias("crypto_symbol"),
            col("entry.coin").alias("coin"),
            col("entry.point").alias("point"),
            col("entry.quote").alias("quote"));
    Dataset<Row> coins = quotes.select(valueColumns().toArray(Column[]::new));
    List<Rule> coinRules = ObservationRules.coinRules(NUMERIC_FIELDS, maxObservationAge);
    Dataset<Row> judged =
        coins.select(
            col("bronze_partition"),
            col("bronze_offset"),
            col("ingestion_timestamp"),
            col("source"),
            coalesce(col("env.simulated"), col("source").equalTo(SourceKind.SIMULATED.wireName()))
                .alias("is_simulated"),
            col("crypto_symbol"),
            col("price_usd"),
            col("volume_24h"),
            col("market_cap_usd"),
            col("percent_change_24h"),
            col("api_timestamp"),
            coalesce(col("msg_rule"), Rule.firstViolated(coinRules)).alias("rule"),
            coalesce(col("msg_detail"), Rule.detailOfFirstViolated(coinRules)).alias("detail"),
            col("raw_payload"),
            col("coin"),
            col("point"));
    return markConflicts(withRejectedRecord(judged));
  }

  /**
   * A rejected message keeps its payload as its record; a coin row carries its parsed value or
   * point ({@code coin}, {@code point}), turned into JSON text only if it ends up rejected ({@link
   * #rejectedRows}): by a rule here, or later as a conflict or a covered backfill point.
   */
  private static Dataset<Row> withRejectedRecord(Dataset<Row> judged) {
    List<Column> columns = new ArrayList<>();
    for (String name : judged.columns()) {
      if (!name.equals("raw_payload")) {
        columns.add(col(name));
      }
    }
    columns.add(
        when(col("crypto_symbol").isNull(), substring(col("raw_payload"), 1, MAX_REJECTED_CHARS))
            .alias("message_record"));
    return judged.select(columns.toArray(Column[]::new));
  }

  /**
   * A valid observation whose key (coin, time, origin) an earlier copy in the batch already holds
   * with another price is a conflict: Silver keeps the earliest copy, and the quarantine records
   * the other with both values, instead of it vanishing. Identical copies (CoinGecko's cache
   * answering the same observation again) are no conflict. Column {@value #KEPT} marks the copy
   * Silver keeps, so the rows to write need no second pass over the copies.
   */
  private static Dataset<Row> markConflicts(Dataset<Row> judged) {
    Column valid = col("rule").isNull();
    // Valid copies first, each key's in Kafka order: the first row of a key is the one kept.
    WindowSpec earlier =
        Window.partitionBy(Tables.SILVER_KEY.stream().map(functions::col).toArray(Column[]::new))
            .orderBy(valid.desc(), col("bronze_partition"), col("bronze_offset"));
    // The price is the observation; volume, market cap and change are computed by CoinGecko on
    // their own schedule and may be refreshed under the same last_updated_at.
    Column kept = first(when(valid, col("price_usd")), true).over(earlier);
    Column differs = not(col("price_usd").eqNullSafe(kept));
    Column which =
        concat(
            lit("usd "),
            col("price_usd").cast("string"),
            lit(" vs kept "),
            coalesce(kept.cast("string"), lit("null")));
    Column keptAt =
        first(when(valid, concat_ws("/", col("bronze_partition"), col("bronze_offset"))), true)
            .over(earlier);
    Column conflict = valid.and(differs);
    List<Column> columns = new ArrayList<>();
    for (String name : judged.columns()) {
      if (name.equals("rule")) {
        columns.add(when(conflict, lit(CONFLICT)).otherwise(col("rule")).alias("rule"));
      } else if (name.equals("detail")) {
        columns.add(
            when(
                    conflict,
                    concat(
                        lit("conflicts with the observation kept from Bronze "),
                        keptAt,
                        lit(": "),
                        which))
                .otherwise(col("detail"))
                .alias("detail"));
      } else {
        columns.add(col(name));
      }
    }
    columns.add(valid.and(row_number().over(earlier).equalTo(1)).alias(KEPT));
    return judged.select(columns.toArray(Column[]::new));
  }

  /** All columns so far, plus each quote field as its text and as its typed value. */
  private static List<Column> valueColumns() {
    List<Column> columns = new ArrayList<>();
    columns.add(col("*"));
    for (NumericField f : NUMERIC_FIELDS) {
      Column value = try_element_at(col("quote"), lit(f.jsonField()));
      columns.add(value.alias(f.valueColumn()));
      columns.add(VariantNumbers.numberOf(value, f.sqlType()).alias(f.column()));
    }
    Column updatedAt = try_element_at(col("quote"), lit(LAST_UPDATED_AT));
    Column epochSeconds = VariantNumbers.numberOf(updatedAt, "DECIMAL(20,6)");
    columns.add(updatedAt.alias("last_updated_at_value"));
    columns.add(
        when(epochSeconds.between(lit(0), lit(MAX_EPOCH_SECONDS)), timestamp_seconds(epochSeconds))
            .alias("api_timestamp"));
    return columns;
  }

  /**
   * Valid observations in Silver's columns, one per key (a cached response polled twice is one
   * observation; the copy from the earliest Kafka offset is kept), and none Silver holds already
   * when the batch was marked against it ({@link SilverConflicts}).
   */
  static Dataset<Row> cleanRows(Dataset<Row> classified) {
    return classified
        .filter(col("rule").isNull().and(col(KEPT)))
        .select(
            col("crypto_symbol"),
            col("price_usd"),
            col("volume_24h"),
            col("market_cap_usd"),
            col("percent_change_24h"),
            col("api_timestamp"),
            current_timestamp().alias("processing_timestamp"),
            col("ingestion_timestamp"),
            col("source"),
            col("is_simulated"),
            col("bronze_partition"),
            col("bronze_offset"));
  }

  static Dataset<Row> rejectedOnly(Dataset<Row> classified) {
    return classified.filter(col("rule").isNotNull());
  }

  /**
   * Rejected records in the quarantine's columns, one per message, coin and rule. A backfill
   * message rejects points, not coins: their count and the earliest one's detail are kept.
   */
  static Dataset<Row> rejectedRows(Dataset<Row> classified) {
    Column earliest =
        min(
            struct(
                coalesce(
                    col("api_timestamp"), lit(java.sql.Timestamp.from(java.time.Instant.EPOCH))),
                col("detail"),
                coalesce(col("message_record"), MarketChart.recordText())
                    .alias("rejected_record")));
    return rejectedOnly(classified)
        .groupBy(
            col("rule"),
            col("crypto_symbol"),
            col("ingestion_timestamp"),
            col("bronze_partition"),
            col("bronze_offset"))
        .agg(earliest.alias("earliest"), count(lit(1)).alias("points"))
        .select(
            col("rule"),
            when(
                    col("points").gt(1),
                    concat(
                        col("points").cast("string"),
                        lit(" points, the first: "),
                        col("earliest.detail")))
                .otherwise(col("earliest.detail"))
                .alias("detail"),
            col("crypto_symbol"),
            col("earliest.rejected_record").alias("rejected_record"),
            col("ingestion_timestamp"),
            col("bronze_partition"),
            col("bronze_offset"),
            current_timestamp().alias("rejected_at"));
  }
}
