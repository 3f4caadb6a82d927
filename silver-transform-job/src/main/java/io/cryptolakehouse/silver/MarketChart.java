package io.cryptolakehouse.silver;

import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.LAST_UPDATED_AT;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.MARKET_CAPS;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.MARKET_CHART_RANGE_PATH;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.PRICES;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.TOTAL_VOLUMES;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.USD;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.USD_24H_VOL;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.USD_MARKET_CAP;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.is_variant_null;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.try_variant_get;
import static org.apache.spark.sql.functions.when;

import io.cryptolakehouse.model.coingecko.SimplePriceSchema;
import org.apache.spark.sql.Column;

/**
 * Reads {@code /coins/{id}/market_chart/range} bodies (backfill) as observations of the same shape
 * as a {@code /simple/price} quote, so both go through the same rules and columns.
 *
 * <p>A chart body is {@code {"prices": [[ms, v], ...], "market_caps": [...], "total_volumes":
 * [...]}} for the one coin the envelope's {@code requested_ids} names. Each price point becomes a
 * quote {@code {usd, usd_market_cap, usd_24h_vol, last_updated_at}}: the market cap and volume are
 * those with the same timestamp (CoinGecko aligns the three series; a misaligned one is searched),
 * the timestamp goes from milliseconds to the quote's epoch seconds, keeping the milliseconds.
 */
final class MarketChart {

  private MarketChart() {}

  /** True for a backfill body; over column env. */
  static Column isChart() {
    return coalesce(col("env.endpoint").equalTo(MARKET_CHART_RANGE_PATH), lit(false));
  }

  /** The body's price series, or null when it has none; over column coins. */
  static Column prices() {
    return series(PRICES);
  }

  /**
   * One entry per observation in the message: {@code struct<crypto_symbol, coin, point, quote>}:
   * the coin's parsed value ({@code /simple/price}) or the chart's price point, and the quote's
   * fields as text. The coin or point as JSON text is made only for rejected rows ({@link
   * #recordText}): writing it for every coin was a tenth of Silver's parsing time in a profile.
   */
  static Column entries() {
    Column noPoint = lit(null).cast("ARRAY<STRING>");
    Column simple =
        transform(
            map_entries(col("coins")),
            e ->
                struct(
                    e.getField("key").alias("crypto_symbol"),
                    e.getField("value").alias("coin"),
                    noPoint.alias("point"),
                    e.getField("value").try_cast("MAP<STRING, VARIANT>").alias("quote")));
    Column coin = try_element_at(col("env.requested_ids"), lit(1));
    Column caps = series(MARKET_CAPS);
    Column volumes = series(TOTAL_VOLUMES);
    Column chart =
        transform(
            prices(),
            (point, i) -> {
              // The series are read as text; a text value reads as its number exactly.
              Column quote =
                  map(
                      lit(USD), try_element_at(point, lit(2)).cast("VARIANT"),
                      lit(USD_MARKET_CAP), valueAt(caps, point, i).cast("VARIANT"),
                      lit(USD_24H_VOL), valueAt(volumes, point, i).cast("VARIANT"),
                      lit(LAST_UPDATED_AT),
                          epochSecondsText(try_element_at(point, lit(1))).cast("VARIANT"));
              return struct(
                  coin.alias("crypto_symbol"),
                  lit(null).cast("VARIANT").alias("coin"),
                  point.alias("point"),
                  quote.alias("quote"));
            });
    return when(isChart(), chart).otherwise(simple);
  }

  /** True when a field is absent or JSON null. */
  static Column isMissing(Column variant) {
    return variant.isNull().or(is_variant_null(variant));
  }

  /** The entry's coin value or price point as JSON text; over columns coin and point. */
  static Column recordText() {
    return when(col("point").isNotNull(), to_json(col("point"))).otherwise(textOf(col("coin")));
  }

  private static Column series(String name) {
    return try_variant_get(
        try_element_at(col("coins"), lit(name)), "$", SimplePriceSchema.CHART_SERIES_SPARK_DDL);
  }

  /**
   * A parsed JSON value as text: a string as itself, a number with the digits the variant kept, an
   * object or array as JSON. Over a {@code VARIANT}.
   */
  static Column textOf(Column variant) {
    return try_variant_get(variant, "$", "STRING");
  }

  /** The value of {@code series} at the point's timestamp: same index if aligned, else searched. */
  private static Column valueAt(Column series, Column point, Column index) {
    Column timestamp = try_element_at(point, lit(1));
    Column aligned = try_element_at(series, index.plus(1));
    return coalesce(
        when(try_element_at(aligned, lit(1)).equalTo(timestamp), try_element_at(aligned, lit(2))),
        try_element_at(
            try_element_at(
                filter(series, p -> try_element_at(p, lit(1)).equalTo(timestamp)), lit(1)),
            lit(2)));
  }

  /** Milliseconds as seconds with three decimals; text that is not a number stays as it was. */
  private static Column epochSecondsText(Column millisText) {
    return coalesce(
        millisText.try_cast("DECIMAL(20,0)").divide(lit(1000)).cast("DECIMAL(23,3)").cast("string"),
        millisText);
  }
}
