package io.cryptolakehouse.dashboard.live;

import java.time.Instant;

/** One coin's price from one {@code /simple/price} message, as it arrives on Kafka. */
public record PriceTick(String coinId, String priceUsd, Instant observedAt, boolean simulated) {}
