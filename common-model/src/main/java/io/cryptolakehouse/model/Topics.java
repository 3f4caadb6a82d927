package io.cryptolakehouse.model;

/** Kafka topic names: the one place producer, jobs, Compose and tests take them from. */
public final class Topics {

  /** One message per {@code /simple/price} response (the name PART-A's notebooks use). */
  public static final String PRICES_RAW = "crypto.prices.raw";

  /** One message per {@code /coins/markets} response: coin attributes for Gold's dim_crypto. */
  public static final String COIN_MARKETS_RAW = "crypto.coin-markets.raw";

  /** Price-drop alerts produced by the Gold job. */
  public static final String ALERTS = "crypto.alerts";

  private Topics() {}
}
