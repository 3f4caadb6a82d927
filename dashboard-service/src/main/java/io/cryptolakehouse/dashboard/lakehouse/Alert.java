package io.cryptolakehouse.dashboard.lakehouse;

import java.time.Instant;

/** One price-drop episode of {@code gold.price_drop_alerts} (the same shape as on Kafka). */
public record Alert(
    String alertId,
    String coinId,
    Instant windowStart,
    Instant windowEnd,
    String fromPrice,
    String toPrice,
    Double pctChange,
    Instant detectedAt,
    boolean simulated) {}
