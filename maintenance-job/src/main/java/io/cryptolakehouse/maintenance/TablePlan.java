package io.cryptolakehouse.maintenance;

import io.cryptolakehouse.model.TableId;
import io.cryptolakehouse.model.Tables;
import java.util.List;

/**
 * How each table is maintained.
 *
 * @param sortBy the layout compaction writes: empty means the table's own write order if it has one
 *     (the Gold facts: coin, then time), else bin-packing
 * @param retentionColumn the timestamp a table's partitions are dropped by when they age out of the
 *     Bronze retention; null keeps every row
 */
record TablePlan(TableId table, List<String> sortBy, String retentionColumn) {

  /** Every table, sources first. */
  static final List<TablePlan> ALL = Tables.ALL.stream().map(TablePlan::of).toList();

  static TablePlan of(TableId table) {
    if (table.equals(Tables.BRONZE_TICKS_RAW) || table.equals(Tables.BRONZE_COIN_MARKETS_RAW)) {
      return new TablePlan(table, List.of(), "ingestion_timestamp");
    }
    if (table.equals(Tables.SILVER_PRICES_CLEAN)) {
      // Silver is written unsorted for latency; compaction sorts it for coin-and-range reads.
      return new TablePlan(table, List.of("crypto_symbol", "api_timestamp"), null);
    }
    return new TablePlan(table, List.of(), null);
  }
}
