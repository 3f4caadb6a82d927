package io.cryptolakehouse.gold;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The coin-markets records dim_crypto could use, by the same rules the job applies, for checking
 * that every record is accounted for (used, or in the markets quarantine).
 */
public final class MarketsAudit {

  private MarketsAudit() {}

  /** {@code bronze_partition, bronze_offset} of the records with at least one accepted coin. */
  public static Dataset<Row> usedRecords(Dataset<Row> bronzeMarkets) {
    return MarketRecords.accepted(MarketRecords.classify(bronzeMarkets))
        .select("bronze_partition", "bronze_offset")
        .distinct();
  }
}
