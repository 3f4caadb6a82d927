package io.cryptolakehouse.local;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A replay file of {@code /simple/price} bodies in CoinGecko's shape, one every 15 minutes over
 * three hours for three coins, with one invalid price and one body that is not JSON; and what the
 * pipeline must make of it.
 */
record ReplayFile(
    Path file,
    long lines,
    long validObservations,
    long rejectedObservations,
    long coinHours,
    Instant last,
    BigDecimal lastBitcoinPrice) {

  private static final List<String> COINS = List.of("bitcoin", "ethereum", "solana");
  private static final int POLLS = 12;
  private static final int BAD_PRICE_POLL = 5;

  static ReplayFile write(Path file, Instant start) throws Exception {
    List<String> lines = new ArrayList<>();
    Set<String> coinHours = new HashSet<>();
    long valid = 0;
    Instant last = start;
    BigDecimal lastBitcoin = null;
    for (int i = 0; i < POLLS; i++) {
      Instant at = start.plus(Duration.ofMinutes(15L * i));
      StringBuilder body = new StringBuilder("{");
      for (int c = 0; c < COINS.size(); c++) {
        String coin = COINS.get(c);
        BigDecimal price = BigDecimal.valueOf(1000L * (c + 1) + i).add(new BigDecimal("0.25"));
        if (i == BAD_PRICE_POLL && coin.equals("ethereum")) {
          price = new BigDecimal("-1.5");
        } else {
          valid++;
          coinHours.add(coin + "@" + at.truncatedTo(ChronoUnit.HOURS));
        }
        if (coin.equals("bitcoin")) {
          lastBitcoin = price;
        }
        body.append(c == 0 ? "" : ",")
            .append(
                "\"%s\":{\"usd\":%s,\"usd_market_cap\":%d,\"usd_24h_vol\":%d,\"usd_24h_change\":%s,\"last_updated_at\":%d}"
                    .formatted(
                        coin,
                        price.toPlainString(),
                        1_000_000L * (c + 1),
                        50_000L * (c + 1),
                        "0.5",
                        at.getEpochSecond()));
      }
      lines.add(body.append('}').toString());
      last = at;
    }
    lines.add("<html>502 Bad Gateway</html>");
    Files.write(file, lines);
    return new ReplayFile(file, lines.size(), valid, 2, coinHours.size(), last, lastBitcoin);
  }
}
