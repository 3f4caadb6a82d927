package io.cryptolakehouse.producer.coingecko;

import io.cryptolakehouse.model.coingecko.CoinGeckoFields;
import java.util.Arrays;
import java.util.Locale;

/** CoinGecko plans differ in host and key header; a Demo key on the Pro host is a 400. */
public enum ApiPlan {
  PUBLIC(CoinGeckoFields.PUBLIC_BASE_URL, null),
  DEMO(CoinGeckoFields.PUBLIC_BASE_URL, CoinGeckoFields.DEMO_KEY_HEADER),
  PRO(CoinGeckoFields.PRO_BASE_URL, CoinGeckoFields.PRO_KEY_HEADER);

  private final String defaultBaseUrl;
  private final String keyHeader;

  ApiPlan(String defaultBaseUrl, String keyHeader) {
    this.defaultBaseUrl = defaultBaseUrl;
    this.keyHeader = keyHeader;
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
