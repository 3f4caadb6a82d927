package io.cryptolakehouse.producer.source;

import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.*;

import io.cryptolakehouse.model.envelope.SourceKind;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.json.JsonMapper;

/**
 * A seeded random walk per coin from realistic start prices, answering in exactly CoinGecko's
 * response shapes. For machines without internet, demos and tests; every envelope it feeds is
 * tagged {@code simulated}.
 */
public final class SimulatedSource implements ResponseSource {

  /** Per-tick volatility of the log price (about 0.2 %). */
  static final double TICK_SIGMA = 0.002;

  private static final MathContext DIGITS = new MathContext(12);
  private static final Map<String, Coin> KNOWN =
      Map.of(
          "bitcoin", new Coin("btc", "Bitcoin", 1, 95_000, 19_800_000),
          "ethereum", new Coin("eth", "Ethereum", 2, 3_400, 120_500_000),
          "binancecoin", new Coin("bnb", "BNB", 4, 640, 145_000_000),
          "solana", new Coin("sol", "Solana", 5, 190, 480_000_000),
          "ripple", new Coin("xrp", "XRP", 3, 2.2, 57_000_000_000d),
          "cardano", new Coin("ada", "Cardano", 9, 0.75, 35_000_000_000d),
          "dogecoin", new Coin("doge", "Dogecoin", 8, 0.32, 147_000_000_000d),
          "polkadot", new Coin("dot", "Polkadot", 19, 6.5, 1_500_000_000),
          "avalanche-2", new Coin("avax", "Avalanche", 14, 36, 410_000_000),
          "chainlink", new Coin("link", "Chainlink", 12, 22, 630_000_000));

  private final Random random;
  private final Clock clock;
  private final JsonMapper json;
  private final Map<String, double[]> walk = new HashMap<>();

  public SimulatedSource(long seed, Clock clock, JsonMapper json) {
    this.random = new Random(seed);
    this.clock = clock;
    this.json = json;
  }

  @Override
  public synchronized FetchOutcome fetch(ApiRequest request) {
    Instant now = clock.instant();
    Object body =
        switch (request.endpoint()) {
          case SIMPLE_PRICE -> simplePrice(request.ids(), now);
          case COINS_MARKETS -> markets(request.ids(), now);
          case MARKET_CHART_RANGE -> history(request.ids().get(0), request.range());
        };
    return new FetchOutcome.Response(200, json.writeValueAsString(body), "application/json", now);
  }

  @Override
  public SourceKind kind() {
    return SourceKind.SIMULATED;
  }

  private Map<String, Object> simplePrice(List<String> ids, Instant now) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (String id : ids) {
      Coin coin = coin(id);
      double price = step(id, coin);
      Map<String, Object> quote = new LinkedHashMap<>();
      quote.put(USD, decimal(price));
      quote.put(USD_MARKET_CAP, decimal(price * coin.supply()));
      quote.put(USD_24H_VOL, decimal(price * coin.supply() * 0.03));
      quote.put(USD_24H_CHANGE, decimal((price / coin.startPrice() - 1) * 100));
      quote.put(LAST_UPDATED_AT, now.getEpochSecond());
      body.put(id, quote);
    }
    return body;
  }

  private List<Map<String, Object>> markets(List<String> ids, Instant now) {
    return ids.stream()
        .map(
            id -> {
              Coin coin = coin(id);
              double price = walk.containsKey(id) ? walk.get(id)[0] : coin.startPrice();
              Map<String, Object> row = new LinkedHashMap<>();
              row.put(ID, id);
              row.put(SYMBOL, coin.symbol());
              row.put(NAME, coin.name());
              row.put(CURRENT_PRICE, decimal(price));
              row.put(MARKET_CAP, decimal(price * coin.supply()));
              row.put(MARKET_CAP_RANK, coin.rank());
              row.put(TOTAL_VOLUME, decimal(price * coin.supply() * 0.03));
              row.put(PRICE_CHANGE_PERCENTAGE_24H, decimal((price / coin.startPrice() - 1) * 100));
              row.put(LAST_UPDATED, now.toString());
              return row;
            })
        .toList();
  }

  /** History does not depend on the walk: the same range always answers the same points. */
  private static Map<String, Object> history(String id, ApiRequest.Range range) {
    Coin coin = coin(id);
    return SimulatedHistory.chart(id, coin.startPrice(), coin.supply(), range);
  }

  private double step(String id, Coin coin) {
    double[] state = walk.computeIfAbsent(id, k -> new double[] {coin.startPrice()});
    state[0] = state[0] * Math.exp(random.nextGaussian() * TICK_SIGMA);
    return state[0];
  }

  private static Coin coin(String id) {
    Coin known = KNOWN.get(id);
    if (known != null) {
      return known;
    }
    String symbol = id.length() <= 4 ? id : id.substring(0, 4);
    return new Coin(symbol, id, 1000 + Math.floorMod(id.hashCode(), 1000), 1.0, 1_000_000_000);
  }

  private static BigDecimal decimal(double value) {
    return new BigDecimal(value, DIGITS).stripTrailingZeros();
  }

  private record Coin(String symbol, String name, int rank, double startPrice, double supply) {}
}
