package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.spark.IcebergMerge;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.parser.ParseException;

/**
 * Bronze coin-markets records into {@code gold.dim_crypto} (SCD2): close the current versions whose
 * attributes changed, then add the new versions. Replaying the batch finds nothing changed; a crash
 * between the two writes is repaired by the replay (a coin with no current version gets one, with
 * the same surrogate key).
 */
final class DimCryptoUpdate {

  /**
   * How far before the newest version's start records are read again. A version starts at a fetch
   * time, which may lie up to {@link CoinVersions#MAX_CLOCK_SKEW} after its record's arrival, and a
   * record becomes visible in Bronze only when its batch commits, after its ingestion time: the
   * margin covers both, so no record is left unread (re-reading one is idempotent).
   */
  static final Duration READ_BACK = Duration.ofHours(1);

  private final String table;
  private final String bronzeMarkets;
  private final IcebergMerge close;
  private final IcebergMerge open;

  /** Bronze coin-markets snapshot the last refresh of this process read; none after a restart. */
  private Long refreshedFrom;

  DimCryptoUpdate(GoldConfig config) {
    table = Tables.GOLD_DIM_CRYPTO.qualifiedIn(config.lakehouse().catalog());
    bronzeMarkets = Tables.BRONZE_COIN_MARKETS_RAW.qualifiedIn(config.lakehouse().catalog());
    close = new IcebergMerge(table, List.of("crypto_id"), "valid_from");
    open = new IcebergMerge(table, List.of("coin_id", "valid_from"), "valid_from");
  }

  /**
   * Applies the coin-markets records Bronze received since the newest version began (a response
   * fetched after it was necessarily ingested after it; older ones are ignored by {@link
   * CoinVersions#newVersions}).
   */
  void refresh(SparkSession spark, long batchId) {
    // Most Gold batches come while Bronze got no coin-markets record (they are polled minutes
    // apart): the dimension's eight or so Spark jobs would find nothing, at a fixed cost per batch.
    Long snapshot = currentSnapshotOf(spark, bronzeMarkets);
    if (snapshot == null || snapshot.equals(refreshedFrom)) {
      return;
    }
    refreshFromAll(spark, batchId);
    refreshedFrom = snapshot;
  }

  private void refreshFromAll(SparkSession spark, long batchId) {
    Row newest = spark.table(table).agg(max(col("valid_from"))).first();
    Dataset<Row> records = spark.table(bronzeMarkets);
    if (!newest.isNullAt(0)) {
      Instant from = newest.getTimestamp(0).toInstant().minus(READ_BACK);
      records = records.filter(col("ingestion_timestamp").geq(lit(Timestamp.from(from))));
    }
    apply(records, batchId);
  }

  private static Long currentSnapshotOf(SparkSession spark, String table) {
    try {
      Snapshot current = Spark3Util.loadIcebergTable(spark, table).currentSnapshot();
      return current == null ? null : current.snapshotId();
    } catch (ParseException | NoSuchTableException e) {
      throw new IllegalStateException("cannot load " + table, e);
    }
  }

  /**
   * Applies the records' accepted coins (their rejects are the {@link MarketsQuarantine}'s to
   * record, exactly once, whether or not prices flow).
   */
  void apply(Dataset<Row> bronzeMarkets, long batchId) {
    Dataset<Row> current = bronzeMarkets.sparkSession().table(table);
    Dataset<Row> latest = CoinVersions.latestAttributes(bronzeMarkets).localCheckpoint();
    Dataset<Row> opened = CoinVersions.newVersions(latest, current).localCheckpoint();
    Dataset<Row> closed = CoinVersions.closedVersions(opened, current).localCheckpoint();
    close.upsert(closed, batchId);
    open.insertNew(opened, batchId);
  }
}
