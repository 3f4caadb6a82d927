package io.cryptolakehouse.dashboard.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A coin's latest price (the close of its newest hourly bar: Gold's latest observation) and its
 * change against the close one hour and 24 hours before that bar.
 */
record CoinQuote(
    String coinId,
    String symbol,
    String name,
    String priceUsd,
    Instant hourStart,
    @JsonProperty("change_1h_pct") BigDecimal change1hPct,
    @JsonProperty("change_24h_pct") BigDecimal change24hPct,
    boolean simulated) {}
