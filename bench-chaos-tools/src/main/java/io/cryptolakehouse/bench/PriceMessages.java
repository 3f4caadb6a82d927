package io.cryptolakehouse.bench;

import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.LAST_UPDATED_AT;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.USD;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.USD_24H_CHANGE;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.USD_24H_VOL;
import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.USD_MARKET_CAP;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptolakehouse.model.coingecko.CoinGeckoFields;
import io.cryptolakehouse.model.envelope.ApiEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Producer-shaped Kafka records: one {@code /simple/price} response for all coins per snapshot, in
 * the producer's envelope and with its key (the requested ids), every price a random walk. Snapshot
 * {@code i} is observed at {@code start + i * step} and fetched two seconds later, so Silver's
 * staleness rule passes however old the replayed day is.
 */
final class PriceMessages {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration FETCH_DELAY = Duration.ofSeconds(2);

  private final List<String> coins;
  private final String key;
  private final Instant start;
  private final Duration step;
  private final double[] prices;
  private final SplittableRandom random;

  PriceMessages(int coinCount, Instant start, Duration step, long seed) {
    this.coins = coins(coinCount);
    this.key = String.join(",", coins);
    this.start = start;
    this.step = step;
    this.random = new SplittableRandom(seed);
    this.prices = new double[coinCount];
    for (int c = 0; c < coinCount; c++) {
      prices[c] = 0.01 + random.nextDouble() * 50_000;
    }
  }

  /** The producer's default ten ids first, then {@code coin-011} and on. */
  static List<String> coins(int count) {
    List<String> ids = new ArrayList<>(Arrays.asList(CoinGeckoFields.DEFAULT_IDS.split(",")));
    for (int i = ids.size() + 1; ids.size() < count; i++) {
      ids.add("coin-%03d".formatted(i));
    }
    return List.copyOf(ids.subList(0, count));
  }

  List<String> coins() {
    return coins;
  }

  String key() {
    return key;
  }

  /** The envelope of snapshot {@code i}; call with increasing i (the walk moves on each call). */
  String value(long i) {
    Instant observed = start.plus(step.multipliedBy(i));
    long epoch = observed.getEpochSecond();
    StringBuilder body = new StringBuilder(coins.size() * 150).append('{');
    for (int c = 0; c < coins.size(); c++) {
      prices[c] = Math.max(1e-6, prices[c] * (1 + (random.nextDouble() - 0.5) * 0.004));
      double price = prices[c];
      if (c > 0) {
        body.append(',');
      }
      body.append('"').append(coins.get(c)).append("\":{");
      field(body, USD, price).append(',');
      field(body, USD_MARKET_CAP, price * 19_000_000.0).append(',');
      field(body, USD_24H_VOL, price * 400_000.0 * (1 + random.nextDouble())).append(',');
      field(body, USD_24H_CHANGE, (random.nextDouble() - 0.5) * 10).append(',');
      body.append('"').append(LAST_UPDATED_AT).append("\":").append(epoch).append('}');
    }
    body.append('}');
    try {
      return JSON.writeValueAsString(
          ApiEnvelope.simulated(
              CoinGeckoFields.SIMPLE_PRICE_PATH,
              coins,
              observed.plus(FETCH_DELAY),
              body.toString()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static StringBuilder field(StringBuilder body, String name, double value) {
    return body.append('"').append(name).append("\":").append(value);
  }
}
