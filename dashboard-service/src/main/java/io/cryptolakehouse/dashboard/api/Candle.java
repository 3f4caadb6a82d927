package io.cryptolakehouse.dashboard.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cryptolakehouse.dashboard.lakehouse.Micros;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.iceberg.data.Record;

/** One hourly OHLC bar of {@code gold.fact_crypto_hourly}, prices as exact decimal strings. */
record Candle(
    String coinId,
    Instant hourStart,
    String open,
    String high,
    String low,
    String close,
    String avg,
    @JsonProperty("volume_24h") String volume24h,
    long ticks,
    boolean simulated) {

  static Candle of(Record row) {
    return new Candle(
        (String) row.getField("coin_id"),
        Micros.instantOf(row.getField("hour_start")),
        Cells.decimal(row.getField("open_price")),
        Cells.decimal(row.getField("high_price")),
        Cells.decimal(row.getField("low_price")),
        Cells.decimal(row.getField("close_price")),
        Cells.decimal(row.getField("avg_price")),
        Cells.decimal(row.getField("last_volume_24h")),
        (Long) row.getField("tick_count"),
        Boolean.TRUE.equals(row.getField("is_simulated")));
  }

  BigDecimal closePrice() {
    return new BigDecimal(close);
  }
}
