package io.cryptolakehouse.producer.source;

import java.util.List;

/**
 * One API call: an endpoint and the coin ids it asks for. Sources add the endpoint's fixed query
 * parameters themselves, so every source answers the same question.
 */
public record ApiRequest(Endpoint endpoint, List<String> ids) {

  public ApiRequest {
    ids = List.copyOf(ids);
  }

  /** The two polled endpoints. */
  public enum Endpoint {
    SIMPLE_PRICE(io.cryptolakehouse.model.coingecko.CoinGeckoFields.SIMPLE_PRICE_PATH),
    COINS_MARKETS(io.cryptolakehouse.model.coingecko.CoinGeckoFields.COINS_MARKETS_PATH);

    private final String path;

    Endpoint(String path) {
      this.path = path;
    }

    public String path() {
      return path;
    }
  }
}
