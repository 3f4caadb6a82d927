package io.cryptolakehouse.model.coingecko;

/**
 * How the jobs read CoinGecko bodies.
 *
 * <p>Price bodies ({@code /simple/price}, {@code /market_chart/range}) are parsed once into Spark's
 * {@code VARIANT}, which keeps a JSON number's decimal digits as written when they fit 38 digits
 * ({@code 0.12345678901234567}, integers beyond 2^53); a number in exponent form ({@code
 * 2.02027e-10}) is kept as the double it denotes, whose shortest form is the printed number for the
 * up-to-17-digit values CoinGecko prints. Spark's {@code from_json} into text, used before, wrote
 * every fractional number back through a double, so a 17-digit price could change in its last
 * digit. Each level is a map, so one malformed coin cannot make the whole body unreadable: each is
 * read and validated on its own.
 */
public final class SimplePriceSchema {

  /** The body: coin id (or series name) → its value, as read by {@code try_parse_json}. */
  public static final String BODY_SPARK_DDL = "MAP<STRING, VARIANT>";

  /** One coin's quote: field name (see {@link CoinGeckoFields}) → value as its exact text. */
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
   * market_caps}, {@code total_volumes}): {@code [[epoch_ms, value], ...]}, values as their exact
   * text, like the quote's.
   */
  public static final String CHART_SERIES_SPARK_DDL = "ARRAY<ARRAY<STRING>>";

  private SimplePriceSchema() {}
}
