package io.cryptolakehouse.silver;

import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.ERROR_CODE;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.ERROR_MESSAGE;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.MARKET_CHART_RANGE_PATH;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.SIMPLE_PRICE_PATH;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.STATUS;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_contains_key;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.try_variant_get;
import static org.apache.spark.sql.functions.unix_seconds;

import io.cryptolakehouse.model.envelope.SourceKind;
import io.cryptolakehouse.spark.EnvelopeRules;
import io.cryptolakehouse.spark.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Silver's validation rules, in the order they are checked; the first violated one names the
 * rejection. Message rules reject a whole Bronze record; coin rules reject one coin of it.
 */
final class ObservationRules {

  /** Whole-message rejects quote at most this much of the payload in their detail. */
  static final int QUOTE_CHARS = EnvelopeRules.QUOTE_CHARS;

  /**
   * How far past its arrival in Bronze a timestamp may lie: clocks of the producer's machine and
   * CoinGecko's servers drift a little. Beyond this the value is from the future — a wrong clock, a
   * crafted message — and would become an hourly bar that later data can never replace.
   */
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(2);

  private static final Object[] KNOWN_SOURCES =
      Arrays.stream(SourceKind.values()).map(SourceKind::wireName).toArray();

  private ObservationRules() {}

  /** Over columns raw_payload, env (the parsed envelope) and coins (the parsed body). */
  static List<Rule> messageRules() {
    Column coins = col("coins");
    Column status = try_element_at(coins, lit(STATUS));
    Column apiError =
        try_variant_get(status, "$." + ERROR_CODE, "STRING")
            .isNotNull()
            .or(map_contains_key(coins, ERROR_CODE))
            .or(map_contains_key(coins, "error"));
    Column apiErrorMessage =
        coalesce(
            try_variant_get(status, "$." + ERROR_MESSAGE, "STRING"),
            MarketChart.textOf(try_element_at(coins, lit("error"))),
            MarketChart.textOf(try_element_at(coins, lit(ERROR_CODE))),
            lit(""));
    List<Rule> rules = new ArrayList<>(EnvelopeRules.readable());
    rules.addAll(
        List.of(
            new Rule(
                "unknown_source",
                not(coalesce(col("env.source").isin(KNOWN_SOURCES), lit(false))),
                concat(
                    lit("source '"),
                    coalesce(col("env.source"), lit("null")),
                    lit("' is not one of " + Arrays.toString(KNOWN_SOURCES)))),
            new Rule(
                "unexpected_endpoint",
                not(
                    coalesce(
                        col("env.endpoint").isin(SIMPLE_PRICE_PATH, MARKET_CHART_RANGE_PATH),
                        lit(false))),
                concat(
                    lit("endpoint '"),
                    coalesce(col("env.endpoint"), lit("null")),
                    lit("' is neither " + SIMPLE_PRICE_PATH + " nor " + MARKET_CHART_RANGE_PATH))),
            new Rule(
                "future_fetched_at",
                col("fetched_at").gt(latestAcceptable()),
                concat(
                    lit("fetched_at "),
                    col("env.fetched_at"),
                    lit(" is later than its arrival "),
                    col("ingestion_timestamp").cast("string"),
                    lit(" plus " + MAX_CLOCK_SKEW.toSeconds() + " s"))),
            new Rule(
                "chart_without_coin",
                MarketChart.isChart()
                    .and(
                        not(
                            coalesce(
                                size(col("env.requested_ids"))
                                    .equalTo(1)
                                    .and(
                                        trim(try_element_at(col("env.requested_ids"), lit(1)))
                                            .notEqual("")),
                                lit(false)))),
                lit(
                    "a "
                        + MARKET_CHART_RANGE_PATH
                        + " response must name exactly one requested id, not null or blank")),
            EnvelopeRules.successStatus(),
            new Rule(
                "body_not_json",
                coins.isNull(),
                concat(
                    lit("body is not a JSON object: "),
                    substring(col("env.body"), 1, QUOTE_CHARS))),
            new Rule(
                "api_error_body",
                apiError,
                concat(
                    lit("the API answered with an error: "),
                    substring(apiErrorMessage, 1, QUOTE_CHARS))),
            new Rule(
                "no_points",
                MarketChart.isChart().and(coalesce(size(MarketChart.prices()).leq(0), lit(true))),
                concat(
                    lit("the range has no price points: "),
                    substring(col("env.body"), 1, QUOTE_CHARS))),
            new Rule("no_coins", size(coins).equalTo(0), lit("the body lists no coin"))));
    return rules;
  }

  /**
   * Over the columns of {@link ObservationParser}'s coin stage: quote, the *_value fields, their
   * typed values, api_timestamp, fetched_at and source.
   */
  static List<Rule> coinRules(List<NumericField> fields, Duration maxObservationAge) {
    List<Rule> rules = new ArrayList<>();
    rules.add(
        new Rule(
            "coin_not_object",
            col("quote").isNull(),
            concat(
                lit("the coin's value is not a JSON object: "),
                substring(MarketChart.recordText(), 1, QUOTE_CHARS))));
    rules.add(
        new Rule(
            "missing_price",
            MarketChart.isMissing(col("price_usd_value")),
            lit("usd is missing or null")));
    // Each rule tests the typed value first: when it parsed, the text is a number that fits, and
    // the text is not parsed again as a double (those parses, for every valid coin, were a tenth of
    // Silver's CPU samples in a profile).
    for (NumericField f : fields) {
      rules.add(
          new Rule(
              "non_numeric",
              col(f.column())
                  .isNull()
                  .and(f.text().isNotNull())
                  .and(f.text().try_cast("double").isNull()),
              concat(
                  lit(f.jsonField() + " '"),
                  substring(f.text(), 1, QUOTE_CHARS),
                  lit("' is not a number"))));
    }
    for (NumericField f : fields) {
      rules.add(
          new Rule(
              "out_of_range",
              col(f.column()).isNull().and(f.text().try_cast("double").isNotNull()),
              concat(lit(f.jsonField() + " "), f.text(), lit(" does not fit " + f.sqlType()))));
    }
    rules.add(
        new Rule(
            "non_positive_price",
            col("price_usd").leq(0),
            concat(
                lit("usd "),
                MarketChart.textOf(col("price_usd_value")),
                lit(" is not > 0 (at 18 decimal places)"))));
    rules.add(
        new Rule(
            "missing_api_timestamp",
            col("api_timestamp").isNull(),
            concat(
                lit("last_updated_at '"),
                coalesce(MarketChart.textOf(col("last_updated_at_value")), lit("null")),
                lit("' is not epoch seconds"))));
    rules.add(
        new Rule(
            "future_observation",
            col("api_timestamp").gt(latestAcceptable()),
            concat(
                lit("last_updated_at "),
                col("api_timestamp").cast("string"),
                lit(" is later than its arrival "),
                col("ingestion_timestamp").cast("string"),
                lit(" plus " + MAX_CLOCK_SKEW.toSeconds() + " s"))));
    long limit = maxObservationAge.toSeconds();
    Column skew = unix_seconds(col("api_timestamp")).minus(unix_seconds(col("fetched_at")));
    rules.add(
        new Rule(
            "stale_observation",
            col("source")
                .isin(SourceKind.COINGECKO.wireName(), SourceKind.SIMULATED.wireName())
                .and(abs(skew).gt(limit)),
            concat(
                lit("last_updated_at is "),
                skew.cast("string"),
                lit(" s from the fetch (limit ±" + limit + " s)"))));
    return rules;
  }

  /** The arrival in Bronze plus the allowed skew; the same bound for every source. */
  private static Column latestAcceptable() {
    return col("ingestion_timestamp")
        .plus(expr("INTERVAL " + MAX_CLOCK_SKEW.toSeconds() + " SECONDS"));
  }

  /** A numeric quote field: its JSON name, text column, typed column and SQL type. */
  record NumericField(String jsonField, String column, String sqlType) {
    /** The column of the field's parsed JSON value (a {@code VARIANT}). */
    String valueColumn() {
      return column + "_value";
    }

    /**
     * The field as its JSON text, for rules and details only: made for the rows that need it, after
     * their typed value came out null (text for every value cost a Jackson generator each).
     */
    Column text() {
      return MarketChart.textOf(col(valueColumn()));
    }
  }
}
