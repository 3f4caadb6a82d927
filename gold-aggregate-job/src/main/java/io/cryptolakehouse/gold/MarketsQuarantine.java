package io.cryptolakehouse.gold;

import io.cryptolakehouse.model.StreamingQueries;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.spark.IcebergMerge;
import io.cryptolakehouse.spark.IcebergStreams;
import io.cryptolakehouse.spark.StreamHistory;
import io.cryptolakehouse.spark.StreamTrigger;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The coin-markets records dim_crypto cannot use, into {@code gold.coin_markets_rejected} with a
 * reason. Its own query over Bronze's coin-markets appends: each record is judged exactly once,
 * when it arrives, whether or not price batches run (the dimension itself is refreshed inside
 * Gold's price batches, so ticks find the coin versions they refer to).
 */
final class MarketsQuarantine {

  static final String QUERY = StreamingQueries.GOLD_MARKETS_QUARANTINE;

  private MarketsQuarantine() {}

  /**
   * False for an {@code available-now} run over a coin-markets table without records (never
   * written, or emptied by retention): nothing to judge, and Iceberg's stream cannot start there
   * (with no append to drain to, its available-now offset is null).
   */
  static boolean hasWork(SparkSession spark, GoldConfig config) {
    if (!StreamTrigger.AVAILABLE_NOW.equalsIgnoreCase(config.stream().trigger().strip())) {
      return true;
    }
    String bronze = Tables.BRONZE_COIN_MARKETS_RAW.qualifiedIn(config.lakehouse().catalog());
    try {
      Snapshot current = Spark3Util.loadIcebergTable(spark, bronze).currentSnapshot();
      return current != null
          && !"0".equals(current.summary().getOrDefault(SnapshotSummary.TOTAL_RECORDS_PROP, "0"));
    } catch (ParseException | NoSuchTableException e) {
      throw new IllegalStateException("cannot load " + bronze, e);
    }
  }

  static StreamingQuery start(SparkSession spark, GoldConfig config) {
    String bronze = Tables.BRONZE_COIN_MARKETS_RAW.qualifiedIn(config.lakehouse().catalog());
    StreamHistory.requireWhole(spark, bronze, QUERY, config.stream());
    Dataset<Row> records =
        spark
            .readStream()
            .format("iceberg")
            // Bronze retention drops whole old partitions (delete snapshots): nothing to judge.
            .option("streaming-skip-delete-snapshots", "true")
            .load(bronze);
    return IcebergStreams.eachBatch(records, QUERY, config.stream(), writer(config));
  }

  static VoidFunction2<Dataset<Row>, Long> writer(GoldConfig config) {
    IcebergMerge rejected =
        new IcebergMerge(
            Tables.GOLD_COIN_MARKETS_REJECTED.qualifiedIn(config.lakehouse().catalog()),
            List.of("bronze_partition", "bronze_offset", "coin_id", "rule", "ingestion_timestamp"),
            "ingestion_timestamp");
    // Idempotent by key: a batch replayed after a crash inserts nothing twice.
    return (batch, batchId) ->
        rejected.insertNew(MarketRecords.rejectedRows(MarketRecords.classify(batch)), batchId);
  }
}
