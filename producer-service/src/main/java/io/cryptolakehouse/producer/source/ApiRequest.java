package io.cryptolakehouse.producer.source;

import io.cryptolakehouse.model.coingecko.CoinGeckoFields;
import java.time.Instant;
import java.util.List;

/**
 * One API call: an endpoint, the coin ids it asks for and, for history, the time range. Sources add
 * the endpoint's fixed query parameters themselves, so every source answers the same question.
 */
public record ApiRequest(Endpoint endpoint, List<String> ids, Range range) {

  public ApiRequest {
    ids = List.copyOf(ids);
    if ((endpoint == Endpoint.MARKET_CHART_RANGE) != (range != null)) {
      throw new IllegalArgumentException("a range goes with " + Endpoint.MARKET_CHART_RANGE);
    }
    if (endpoint == Endpoint.MARKET_CHART_RANGE && ids.size() != 1) {
      throw new IllegalArgumentException("a market chart is for exactly one coin, not " + ids);
    }
  }

  /** A poll of {@code endpoint} for {@code ids}. */
  public ApiRequest(Endpoint endpoint, List<String> ids) {
    this(endpoint, ids, null);
  }

  /** The history of one coin between two instants. */
  public static ApiRequest history(String coin, Instant from, Instant to) {
    return new ApiRequest(Endpoint.MARKET_CHART_RANGE, List.of(coin), new Range(from, to));
  }

  /** A time range, {@code from} before {@code to}. */
  public record Range(Instant from, Instant to) {
    public Range {
      if (!from.isBefore(to)) {
        throw new IllegalArgumentException("range from " + from + " is not before " + to);
      }
    }
  }

  /** The polled endpoints and the history endpoint of backfills. */
  public enum Endpoint {
    SIMPLE_PRICE(CoinGeckoFields.SIMPLE_PRICE_PATH),
    COINS_MARKETS(CoinGeckoFields.COINS_MARKETS_PATH),
    MARKET_CHART_RANGE(CoinGeckoFields.MARKET_CHART_RANGE_PATH);

    private final String path;

    Endpoint(String path) {
      this.path = path;
    }

    /** The path as the API documents it ({@code {id}} not filled in): the envelope's endpoint. */
    public String path() {
      return path;
    }
  }
}
