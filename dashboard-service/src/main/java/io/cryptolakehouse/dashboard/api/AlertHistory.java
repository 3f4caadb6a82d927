package io.cryptolakehouse.dashboard.api;

import io.cryptolakehouse.dashboard.lakehouse.Alert;
import io.cryptolakehouse.dashboard.lakehouse.Lakehouse;
import io.cryptolakehouse.dashboard.lakehouse.Micros;
import io.cryptolakehouse.model.Tables;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.springframework.stereotype.Component;

/** Price-drop alerts from Gold, newest episode first (by its end, then coin for equal ends). */
@Component
class AlertHistory {

  static final Comparator<Alert> NEWEST_FIRST =
      Comparator.comparing(Alert::windowEnd, Comparator.reverseOrder())
          .thenComparing(Alert::coinId)
          .thenComparing(Alert::alertId);

  private final Lakehouse lakehouse;

  AlertHistory(Lakehouse lakehouse) {
    this.lakehouse = lakehouse;
  }

  List<Alert> newest(String coinId, Instant since, int limit) {
    List<Alert> all = lakehouse.cached("alerts|" + coinId + "|" + since, () -> read(coinId, since));
    return all.stream().limit(limit).toList();
  }

  private List<Alert> read(String coinId, Instant since) {
    Expression filter = Expressions.alwaysTrue();
    if (coinId != null) {
      filter = Expressions.and(filter, Expressions.equal("coin_id", coinId));
    }
    if (since != null) {
      filter =
          Expressions.and(filter, Expressions.greaterThanOrEqual("window_start", Micros.of(since)));
    }
    return lakehouse.rows(Tables.GOLD_PRICE_ALERTS, filter).stream()
        .map(AlertHistory::alertOf)
        .sorted(NEWEST_FIRST)
        .toList();
  }

  private static Alert alertOf(Record row) {
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
