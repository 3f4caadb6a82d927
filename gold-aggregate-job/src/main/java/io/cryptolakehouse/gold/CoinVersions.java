package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

import java.time.Duration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Slowly changing dimension type 2 for coins, keyed by CoinGecko id (symbols collide): from {@code
 * /coins/markets} responses in Bronze to dim_crypto versions. A new version only when an attribute
 * (symbol, name, category, market_cap_rank) actually changed.
 */
final class CoinVersions {

  private CoinVersions() {}

  /**
   * How far past its arrival in Bronze a record's {@code fetched_at} may lie (clock drift). A
   * version starting in the future would stay current, and every real record after it would be
   * ignored as older, until that date.
   */
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(2);

  /** Bronze coin-markets rows → the latest attributes per coin in this batch. */
  static Dataset<Row> latestAttributes(Dataset<Row> bronzeMarkets) {
    return latestOf(MarketRecords.accepted(MarketRecords.classify(bronzeMarkets)));
  }

  /** Accepted coins of {@link MarketRecords#classify} → the latest attributes per coin. */
  static Dataset<Row> latestOf(Dataset<Row> acceptedCoins) {
    // Ties in fetch time go to the later Kafka record, so a re-read picks the same one.
    Column newestFirst =
        row_number()
            .over(
                Window.partitionBy("coin_id")
                    .orderBy(
                        col("observed_at").desc(),
                        col("bronze_partition").desc(),
                        col("bronze_offset").desc()));
    return acceptedCoins
        .withColumn("latest", newestFirst)
        .filter(col("latest").equalTo(1))
        .select(
            col("coin_id"),
            col("symbol"),
            col("name"),
            lit(null).cast("string").alias("category"),
            col("market_cap_rank"),
            col("observed_at"));
  }

  /**
   * New versions: attributes that differ from the coin's current version (or coins without one),
   * observed after it began. Their surrogate key is a hash of (coin, valid_from): the same input
   * always yields the same key, so a replayed batch cannot mint a second one.
   */
  static Dataset<Row> newVersions(Dataset<Row> latest, Dataset<Row> currentVersions) {
    Dataset<Row> current = currentVersions.filter(col("is_current"));
    Column changed =
        current
            .col("coin_id")
            .isNull()
            .or(
                latest
                    .col("observed_at")
                    .gt(current.col("valid_from"))
                    .and(
                        not(same(latest, current, "symbol"))
                            .or(not(same(latest, current, "name")))
                            .or(not(same(latest, current, "category")))
                            .or(not(same(latest, current, "market_cap_rank")))));
    return latest
        .join(current, latest.col("coin_id").equalTo(current.col("coin_id")), "left")
        .filter(changed)
        .select(
            xxhash64(latest.col("coin_id"), latest.col("observed_at")).alias("crypto_id"),
            latest.col("coin_id"),
            latest.col("symbol"),
            latest.col("name"),
            latest.col("category"),
            latest.col("market_cap_rank"),
            latest.col("observed_at").alias("valid_from"),
            lit(null).cast("timestamp").alias("valid_to"),
            lit(true).alias("is_current"));
  }

  /** The current versions the new ones replace, closed at the new version's start. */
  static Dataset<Row> closedVersions(Dataset<Row> newVersions, Dataset<Row> currentVersions) {
    Dataset<Row> current = currentVersions.filter(col("is_current"));
    return current
        .join(newVersions, current.col("coin_id").equalTo(newVersions.col("coin_id")), "inner")
        .select(
            current.col("crypto_id"),
            current.col("coin_id"),
            current.col("symbol"),
            current.col("name"),
            current.col("category"),
            current.col("market_cap_rank"),
            current.col("valid_from"),
            newVersions.col("valid_from").alias("valid_to"),
            lit(false).alias("is_current"));
  }

  private static Column same(Dataset<Row> a, Dataset<Row> b, String column) {
    return a.col(column).eqNullSafe(b.col(column));
  }

  private static Column not(Column c) {
    return org.apache.spark.sql.functions.not(c);
  }
}
