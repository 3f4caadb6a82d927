package io.cryptolakehouse.producer.coingecko;

import io.cryptolakehouse.model.coingecko.CoinGeckoFields;
import java.util.Arrays;
import java.util.Locale;

/** CoinGecko plans differ in host and key header; a Demo key on the Pro host is a 400. */
public enum ApiPlan {
  // Keyless calls have a per-minute limit only; Demo keys 10 000 credits a month; Pro plans
  // start at Basic's 100 000 (Analyst 500 000, more above), and report their own through /key.
  PUBLIC(CoinGeckoFields.PUBLIC_BASE_URL, null, 0, false),
  DEMO(CoinGeckoFields.PUBLIC_BASE_URL, CoinGeckoFields.DEMO_KEY_HEADER, 10_000, false),
  PRO(CoinGeckoFields.PRO_BASE_URL, CoinGeckoFields.PRO_KEY_HEADER, 100_000, true);

  private final String defaultBaseUrl;
  private final String keyHeader;
  private final long defaultMonthlyCredits;
  private final boolean reportsUsage;

  ApiPlan(
      String defaultBaseUrl, String keyHeader, long defaultMonthlyCredits, boolean reportsUsage) {
    this.defaultBaseUrl = defaultBaseUrl;
    this.keyHeader = keyHeader;
    this.defaultMonthlyCredits = defaultMonthlyCredits;
    this.reportsUsage = reportsUsage;
  }

  /** The plan's monthly credit allowance when none is configured (0: no monthly allowance). */
  public long defaultMonthlyCredits() {
    return defaultMonthlyCredits;
  }

  /** Whether the plan's API reports the key's usage ({@code /key}, Pro only). */
  public boolean reportsUsage() {
    return reportsUsage;
  }

  public String defaultBaseUrl() {
    return defaultBaseUrl;
  }

  /** The header carrying the API key, or null for keyless public calls. */
  public String keyHeader() {
    return keyHeader;
  }

  public boolean needsKey() {
    return keyHeader != null;
  }

  public static ApiPlan fromConfig(String value) {
    String normalized = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(p -> p.name().equals(normalized))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown plan '" + value + "', expected one of public, demo, pro"));
  }
}
