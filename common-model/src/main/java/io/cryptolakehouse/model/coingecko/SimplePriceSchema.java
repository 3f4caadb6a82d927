package io.cryptolakehouse.model.coingecko;

/**
 * How the jobs parse a {@code /simple/price} body with Spark's {@code from_json}.
 *
 * <p>Both levels are maps of strings, on purpose. The body is {@code {"<coin id>": {...}}} with ids
 * as keys, so a map (not a struct). Each coin's quote is read as text, so a number keeps its exact
 * decimal digits (no detour through double: {@code 2.02027e-10} and integers like {@code 84449}
 * arrive as written), an old-API string like {@code "84449.0"} reads the same, and one malformed
 * coin cannot make the whole body unreadable: each coin is parsed and validated on its own.
 */
public final class SimplePriceSchema {

  /** The body: coin id → that coin's quote as JSON text. */
  public static final String BODY_SPARK_DDL = "MAP<STRING, STRING>";

  /** One coin's quote: field name (see {@link CoinGeckoFields}) → value as text. */
  public static final String QUOTE_SPARK_DDL = "MAP<STRING, STRING>";

  /**
   * A {@code /coins/markets} body, the attributes {@code dim_crypto} keeps (other fields are
   * ignored; prices come from {@code /simple/price}).
   */
  public static final String MARKETS_BODY_SPARK_DDL =
      "ARRAY<STRUCT<"
          + CoinGeckoFields.ID
          + ": STRING, "
          + CoinGeckoFields.SYMBOL
          + ": STRING, "
          + CoinGeckoFields.NAME
          + ": STRING, "
          + CoinGeckoFields.MARKET_CAP_RANK
          + ": INT>>";

  /**
   * One series of a {@code /coins/{id}/market_chart/range} body ({@code prices}, {@code
   * market_caps}, {@code total_volumes}): {@code [[epoch_ms, value], ...]}, values as text for the
   * same reason as the quote. The body itself parses with {@link #BODY_SPARK_DDL}: series name →
   * series as JSON text.
   */
  public static final String CHART_SERIES_SPARK_DDL = "ARRAY<ARRAY<STRING>>";

  private SimplePriceSchema() {}
}
