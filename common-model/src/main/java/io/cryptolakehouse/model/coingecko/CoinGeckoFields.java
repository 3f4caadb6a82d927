package io.cryptolakehouse.model.coingecko;

/** CoinGecko request parameters and response field names, for the producer and the jobs. */
public final class CoinGeckoFields {

  public static final String SIMPLE_PRICE_PATH = "/simple/price";
  public static final String COINS_MARKETS_PATH = "/coins/markets";
  public static final String MARKET_CHART_RANGE_PATH = "/coins/{id}/market_chart/range";

  /** The quote currency the lakehouse tracks. */
  public static final String VS_CURRENCY_USD = "usd";

  // /simple/price query parameters.
  public static final String PARAM_IDS = "ids";
  public static final String PARAM_VS_CURRENCIES = "vs_currencies";
  public static final String PARAM_INCLUDE_MARKET_CAP = "include_market_cap";
  public static final String PARAM_INCLUDE_24HR_VOL = "include_24hr_vol";
  public static final String PARAM_INCLUDE_24HR_CHANGE = "include_24hr_change";
  public static final String PARAM_INCLUDE_LAST_UPDATED_AT = "include_last_updated_at";
  public static final String PARAM_PRECISION = "precision";

  // /coins/markets query parameters.
  public static final String PARAM_VS_CURRENCY = "vs_currency";
  public static final String PARAM_ORDER = "order";
  public static final String PARAM_PER_PAGE = "per_page";
  public static final String PARAM_PAGE = "page";

  // /coins/{id}/market_chart/range query parameters (from/to: UNIX seconds).
  public static final String PARAM_FROM = "from";
  public static final String PARAM_TO = "to";

  // /coins/{id}/market_chart/range response: {"prices": [[ms, v], ...], "market_caps": ..., ...}
  public static final String PRICES = "prices";
  public static final String MARKET_CAPS = "market_caps";
  public static final String TOTAL_VOLUMES = "total_volumes";

  // /simple/price response: {"<id>": {"usd": n, "usd_market_cap": n, ...}}
  public static final String USD = "usd";
  public static final String USD_MARKET_CAP = "usd_market_cap";
  public static final String USD_24H_VOL = "usd_24h_vol";
  public static final String USD_24H_CHANGE = "usd_24h_change";
  public static final String LAST_UPDATED_AT = "last_updated_at";

  // /coins/markets response: [{"id": ..., "symbol": ..., ...}]
  public static final String ID = "id";
  public static final String SYMBOL = "symbol";
  public static final String NAME = "name";
  public static final String MARKET_CAP_RANK = "market_cap_rank";
  public static final String CURRENT_PRICE = "current_price";
  public static final String MARKET_CAP = "market_cap";
  public static final String TOTAL_VOLUME = "total_volume";
  public static final String PRICE_CHANGE_PERCENTAGE_24H = "price_change_percentage_24h";
  public static final String LAST_UPDATED = "last_updated";

  // Error bodies: {"status": {"error_code": n, "error_message": s}} or error_code at top level.
  public static final String STATUS = "status";
  public static final String ERROR_CODE = "error_code";
  public static final String ERROR_MESSAGE = "error_message";

  // API key headers per plan.
  public static final String DEMO_KEY_HEADER = "x-cg-demo-api-key";
  public static final String PRO_KEY_HEADER = "x-cg-pro-api-key";

  public static final String PUBLIC_BASE_URL = "https://api.coingecko.com/api/v3";
  public static final String PRO_BASE_URL = "https://pro-api.coingecko.com/api/v3";

  /** Ten large coins, the producer's default. */
  public static final String DEFAULT_IDS =
      "bitcoin,ethereum,binancecoin,cardano,solana,ripple,polkadot,dogecoin,avalanche-2,chainlink";

  private CoinGeckoFields() {}
}
