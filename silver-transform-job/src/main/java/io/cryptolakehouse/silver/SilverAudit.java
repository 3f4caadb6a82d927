package io.cryptolakehouse.silver;

import static org.apache.spark.sql.functions.col;

import java.time.Duration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The valid observations Bronze rows hold, by the same rules the job applies, for checking that
 * none was lost. A message repeating observations already in Silver (CoinGecko's cache answers the
 * same {@code last_updated_at} for a minute; a producer catching up sends the same poll twice) adds
 * no row: its observations are in Silver under the first message's lineage.
 */
public final class SilverAudit {

  private SilverAudit() {}

  /** {@code bronze_partition, bronze_offset} and the Silver key of each valid one. */
  public static Dataset<Row> validObservations(Dataset<Row> bronze, Duration maxObservationAge) {
    return ObservationParser.classify(bronze, maxObservationAge)
        .filter(col("rule").isNull())
        .select(
            "bronze_partition", "bronze_offset", "crypto_symbol", "api_timestamp", "is_simulated");
  }
}
