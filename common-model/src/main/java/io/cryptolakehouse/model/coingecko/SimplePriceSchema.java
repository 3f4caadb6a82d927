package io.cryptolakehouse.model.coingecko;

/**
 * How the jobs read CoinGecko bodies with Spark SQL. Price bodies ({@code /simple/price}, {@code
 * /market_chart/range}) are not read here: Silver parses them itself, one pass per record, so that
 * each number becomes a decimal from its printed text (see the Silver job).
 */
public final class SimplePriceSchema {

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

  private SimplePriceSchema() {}
}
