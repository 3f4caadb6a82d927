package io.cryptolakehouse.model;

import java.util.List;

/** Every table of the lakehouse. Their DDL lives in {@code ddl/<namespace>.<name>.sql}. */
public final class Tables {

  /** The catalog the lakehouse is registered under (Spark, the notebooks, the dashboard). */
  public static final String CATALOG = "lakehouse";

  public static final String BRONZE = "bronze";
  public static final String SILVER = "silver";
  public static final String GOLD = "gold";

  /** Every Kafka record of {@link Topics#PRICES_RAW}, verbatim. */
  public static final TableId BRONZE_TICKS_RAW = new TableId(BRONZE, "crypto_ticks_raw");

  /** Every Kafka record of {@link Topics#COIN_MARKETS_RAW}, verbatim. */
  public static final TableId BRONZE_COIN_MARKETS_RAW = new TableId(BRONZE, "coin_markets_raw");

  /** One typed, validated row per coin per observation. */
  public static final TableId SILVER_PRICES_CLEAN = new TableId(SILVER, "crypto_prices_clean");

  /**
   * One Silver observation per coin, observation time and origin: a simulated row never stands in
   * for a real one at the same instant (Gold keys its facts the same way). Coin first: Silver's
   * per-key window sorts a batch in this order and its files keep runs of it, which Gold's sorts by
   * coin and time find in order. Time first made Silver's sort cheaper but Gold slower, by more
   * (docs/benchmarks.md).
   */
  public static final List<String> SILVER_KEY =
      List.of("crypto_symbol", "api_timestamp", "is_simulated");

  /** Quarantine: what Silver rejected, with the rule, a detail and the Bronze coordinates. */
  public static final TableId SILVER_PRICES_REJECTED =
      new TableId(SILVER, "crypto_prices_rejected");

  /**
   * Quarantine of the coin-markets records (or coins in them) dim_crypto could not use, with the
   * rule, a detail and the Bronze coordinates. Gold writes it, as it reads that topic's Bronze
   * rows.
   */
  public static final TableId GOLD_COIN_MARKETS_REJECTED =
      new TableId(GOLD, "coin_markets_rejected");

  public static final TableId GOLD_FACT_TICKS = new TableId(GOLD, "fact_crypto_ticks");
  public static final TableId GOLD_FACT_HOURLY = new TableId(GOLD, "fact_crypto_hourly");

  /** OHLC at every interval (1m, 5m, 15m, 1h, 1d), one table with an interval column. */
  public static final TableId GOLD_FACT_CANDLES = new TableId(GOLD, "fact_crypto_candles");

  public static final TableId GOLD_DIM_CRYPTO = new TableId(GOLD, "dim_crypto");
  public static final TableId GOLD_DIM_TIME = new TableId(GOLD, "dim_time");
  public static final TableId GOLD_DAILY_VOLATILITY = new TableId(GOLD, "crypto_daily_volatility");
  public static final TableId GOLD_PRICE_ALERTS = new TableId(GOLD, "price_drop_alerts");

  /** All tables, in dependency order (sources before the tables derived from them). */
  public static final List<TableId> ALL =
      List.of(
          BRONZE_TICKS_RAW,
          BRONZE_COIN_MARKETS_RAW,
          SILVER_PRICES_CLEAN,
          SILVER_PRICES_REJECTED,
          GOLD_COIN_MARKETS_REJECTED,
          GOLD_DIM_CRYPTO,
          GOLD_DIM_TIME,
          GOLD_FACT_TICKS,
          GOLD_FACT_HOURLY,
          GOLD_FACT_CANDLES,
          GOLD_DAILY_VOLATILITY,
          GOLD_PRICE_ALERTS);

  private Tables() {}
}
