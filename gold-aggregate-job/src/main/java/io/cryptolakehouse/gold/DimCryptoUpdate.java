package io.cryptolakehouse.gold;

import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.spark.IcebergMerge;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One micro-batch of Bronze coin-markets records into {@code gold.dim_crypto} (SCD2): close the
 * current versions whose attributes changed, then add the new versions. Replaying the batch finds
 * nothing changed; a crash between the two writes is repaired by the replay (a coin with no current
 * version gets one, with the same surrogate key).
 */
final class DimCryptoUpdate {

  private final String table;
  private final IcebergMerge close;
  private final IcebergMerge open;

  DimCryptoUpdate(GoldConfig config) {
    table = Tables.GOLD_DIM_CRYPTO.qualifiedIn(config.lakehouse().catalog());
    close = new IcebergMerge(table, List.of("crypto_id"), "valid_from");
    open = new IcebergMerge(table, List.of("coin_id", "valid_from"), "valid_from");
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
