package io.cryptolakehouse.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;

/**
 * Keeps Gold's small candle intervals bounded: each interval's candles older than its retention go,
 * whole days at a time (the table is partitioned by interval, then day), by the same file-level
 * delete as Bronze's retention. Intervals without a retention are kept forever.
 */
final class CandleRetention {

  private CandleRetention() {}

  static long drop(Table table, Map<String, Duration> retention, Instant now) {
    long rows = 0;
    for (Map.Entry<String, Duration> interval : retention.entrySet()) {
      if (interval.getValue().isZero()) {
        continue;
      }
      Instant cutoff = BronzeRetention.cutoff(now, interval.getValue());
      rows +=
          BronzeRetention.drop(
              table,
              Expressions.and(
                  Expressions.equal("bucket_interval", interval.getKey()),
                  BronzeRetention.before("bucket_start", cutoff)),
              interval.getKey() + " candle retention of " + table.name());
    }
    return rows;
  }
}
