package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.spark.IcebergMerge;
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
      records = records.filter(col("ingestion_timestamp").geq(lit(newest.get(0))));
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

  void apply(Dataset<Row> bronzeMarkets, long batchId) {
    Dataset<Row> current = bronzeMarkets.sparkSession().table(table);
    Dataset<Row> latest = CoinVersions.latestAttributes(bronzeMarkets).localCheckpoint();
    Dataset<Row> opened = CoinVersions.newVersions(latest, current).localCheckpoint();
    Dataset<Row> closed = CoinVersions.closedVersions(opened, current).localCheckpoint();
    close.upsert(closed, batchId);
    open.insertNew(opened, batchId);
  }
}
