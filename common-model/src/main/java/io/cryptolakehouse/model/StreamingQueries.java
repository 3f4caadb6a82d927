package io.cryptolakehouse.model;

import java.util.List;

/**
 * The names of the pipeline's streaming queries, which name their checkpoint directories too.
 * Maintenance keeps the snapshots these queries still read, and only theirs: a directory under the
 * checkpoint root with another name (a renamed or abandoned query) is reported, never obeyed.
 */
public final class StreamingQueries {

  public static final String BRONZE_PRICES = "bronze-prices";
  public static final String BRONZE_MARKETS = "bronze-coin-markets";
  public static final String SILVER = "silver-prices";
  public static final String GOLD = "gold-aggregates";
  public static final String GOLD_BARS = "gold-bars";
  public static final String GOLD_MARKETS_QUARANTINE = "gold-coin-markets-quarantine";

  public static final List<String> ALL =
      List.of(BRONZE_PRICES, BRONZE_MARKETS, SILVER, GOLD, GOLD_BARS, GOLD_MARKETS_QUARANTINE);

  private StreamingQueries() {}
}
