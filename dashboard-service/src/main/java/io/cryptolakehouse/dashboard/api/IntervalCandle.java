package io.cryptolakehouse.dashboard.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cryptolakehouse.dashboard.lakehouse.Micros;
import java.time.Instant;
import org.apache.iceberg.data.Record;

/**
 * One candle of {@code gold.fact_crypto_candles}, prices as exact decimal strings. {@code filled}
 * marks a bucket without observations that the caller asked to carry the last close into: never
 * stored, only in this answer.
 */
record IntervalCandle(
    String coinId,
    String interval,
    Instant start,
    Instant end,
    String open,
    String high,
    String low,
    String close,
    String avg,
    @JsonProperty("volume_24h") String volume24h,
    long ticks,
    boolean simulated,
    boolean filled) {

  static IntervalCandle of(Record row) {
    return new IntervalCandle(
        (String) row.getField("coin_id"),
        (String) row.getField("bucket_interval"),
        Micros.instantOf(row.getField("bucket_start")),
        Micros.instantOf(row.getField("bucket_end")),
        Cells.decimal(row.getField("open_price")),
        Cells.decimal(row.getField("high_price")),
        Cells.decimal(row.getField("low_price")),
        Cells.decimal(row.getField("close_price")),
        Cells.decimal(row.getField("avg_price")),
        Cells.decimal(row.getField("last_volume_24h")),
        (Long) row.getField("tick_count"),
        Boolean.TRUE.equals(row.getField("is_simulated")),
        false);
  }

  /** The bucket after {@code previous}, which had no observation, at its close. */
  static IntervalCandle carriedFrom(IntervalCandle previous) {
    Instant start = previous.end();
    Instant end = start.plus(java.time.Duration.between(previous.start(), previous.end()));
    return new IntervalCandle(
        previous.coinId(),
        previous.interval(),
        start,
        end,
        previous.close(),
        previous.close(),
        previous.close(),
        previous.close(),
        previous.close(),
        previous.volume24h(),
        0,
        previous.simulated(),
        true);
  }
}
