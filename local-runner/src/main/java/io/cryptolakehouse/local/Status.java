package io.cryptolakehouse.local;

import io.cryptolakehouse.maintenance.MaintenanceReport;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One look at the local pipeline: what each layer holds, how its queries are doing, how far Bronze
 * is behind Kafka, and how fresh Gold is. Fields are null when unknown (e.g. Kafka while stopped).
 */
record Status(
    Instant at,
    String state,
    String source,
    List<TableRows> tables,
    Long published,
    Long bronzeRows,
    Long quarantined,
    Instant newestTick,
    List<QueryState> queries,
    String producer,
    List<CoinPrice> prices,
    Maintenance maintenance) {

  /** Messages in Kafka not yet in Bronze (Bronze holds each published message exactly once). */
  Long kafkaLag() {
    return published == null || bronzeRows == null ? null : Math.max(0, published - bronzeRows);
  }

  /** Seconds between {@link #at} and the newest observation in Gold. */
  Long freshnessSeconds() {
    return newestTick == null
        ? null
        : Math.max(0, at.getEpochSecond() - newestTick.getEpochSecond());
  }

  record TableRows(String layer, String table, Long rows) {}

  record QueryState(
      String name,
      String state,
      Instant lastBatch,
      Long batchMillis,
      Long inputRows,
      String error) {}

  /**
   * Table maintenance: how often it runs ({@code schedule}), the last run's report (null if none
   * yet) and when the next one is due (null when not scheduled).
   */
  record Maintenance(String schedule, MaintenanceReport last, Instant next) {}

  record CoinPrice(String coin, BigDecimal priceUsd, Instant hour, boolean simulated) {}
}
