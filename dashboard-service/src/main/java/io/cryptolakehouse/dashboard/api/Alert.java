package io.cryptolakehouse.dashboard.api;

import io.cryptolakehouse.dashboard.lakehouse.Micros;
import java.time.Instant;
import org.apache.iceberg.data.Record;

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
    boolean simulated) {

  static Alert of(Record row) {
    return new Alert(
        (String) row.getField("alert_id"),
        (String) row.getField("coin_id"),
        Micros.instantOf(row.getField("window_start")),
        Micros.instantOf(row.getField("window_end")),
        Cells.decimal(row.getField("from_price")),
        Cells.decimal(row.getField("to_price")),
        (Double) row.getField("pct_change"),
        Micros.instantOf(row.getField("detected_at")),
        Boolean.TRUE.equals(row.getField("is_simulated")));
  }
}
