package io.cryptolakehouse.silver;

import io.cryptolakehouse.model.StreamingQueries;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.spark.BatchSpread;
import io.cryptolakehouse.spark.HeldRows;
import io.cryptolakehouse.spark.IcebergAppend;
import io.cryptolakehouse.spark.IcebergMerge;
import io.cryptolakehouse.spark.IcebergStreams;
import io.cryptolakehouse.spark.LakehouseTables;
import io.cryptolakehouse.spark.StreamHistory;
import java.util.List;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The Silver query: streams Bronze's appends, classifies each micro-batch, appends new valid
 * observations to Silver and merges new rejects into the quarantine. Used by {@link
 * SilverTransformJob} and the embedded runner.
 */
public final class SilverTransform {

  public static final String QUERY = StreamingQueries.SILVER;

  private SilverTransform() {}

  public static StreamingQuery start(SparkSession spark, SilverConfig config) {
    String catalog = config.lakehouse().catalog();
    LakehouseTables.ensureExist(
        spark,
        catalog,
        Tables.BRONZE_TICKS_RAW,
        Tables.SILVER_PRICES_CLEAN,
        Tables.SILVER_PRICES_REJECTED);
    StreamHistory.requireWhole(
        spark, Tables.BRONZE_TICKS_RAW.qualifiedIn(catalog), QUERY, config.stream());
    DataStreamReader reader =
        spark
            .readStream()
            .format("iceberg")
            // Bronze retention drops whole old partitions (delete snapshots): nothing to process.
            .option("streaming-skip-delete-snapshots", "true");
    Dataset<Row> bronze =
        config.batchLimits().applyTo(reader).load(Tables.BRONZE_TICKS_RAW.qualifiedIn(catalog));
    return IcebergStreams.eachBatch(bronze, QUERY, config.stream(), writer(config));
  }

  static VoidFunction2<Dataset<Row>, Long> writer(SilverConfig config) {
    String catalog = config.lakehouse().catalog();
    IcebergAppend clean = new IcebergAppend(Tables.SILVER_PRICES_CLEAN.qualifiedIn(catalog));
    IcebergMerge rejected =
        new IcebergMerge(
            Tables.SILVER_PRICES_REJECTED.qualifiedIn(catalog),
            List.of(
                "bronze_partition",
                "bronze_offset",
                "crypto_symbol",
                "rule",
                "ingestion_timestamp"),
            "ingestion_timestamp");
    return (batch, batchId) -> {
      try (HeldRows parsed =
          HeldRows.whenFirstRead(
              ObservationParser.classify(
                  BatchSpread.acrossCores(batch), config.maxObservationAge()))) {
        Dataset<Row> silver = batch.sparkSession().table(clean.table());
        BatchRange range = BatchRange.of(parsed.rows()); // computes and holds the batch
        Dataset<Row> marked =
            SilverConflicts.markAgainst(
                BackfillCoverage.applyAgainst(parsed.rows(), silver, range), silver, range);
        if (marked == parsed.rows()) { // no valid row: nothing was joined
          BatchOutcome outcome = BatchOutcome.allRejected(range.rows());
          write(parsed.rows(), parsed.rows(), outcome, clean, rejected, batchId);
        } else {
          try (HeldRows classified = HeldRows.whenFirstRead(marked)) {
            BatchOutcome outcome = BatchOutcome.of(classified.rows()); // computes and holds it
            Dataset<Row> rejects =
                outcome.lateRejected() > 0
                    ? LateRejects.withRecords(classified.rows(), batch, config.maxObservationAge())
                    : classified.rows();
            write(classified.rows(), rejects, outcome, clean, rejected, batchId);
          }
        }
      }
    };
  }

  /**
   * The batch's new observations appended (marked against Silver already, so a replayed batch
   * appends nothing), its rejects merged into the quarantine by key ({@code rejects}: the
   * classified rows, or their rejected ones with every text).
   */
  private static void write(
      Dataset<Row> classified,
      Dataset<Row> rejects,
      BatchOutcome outcome,
      IcebergAppend clean,
      IcebergMerge rejected,
      long batchId) {
    clean.appendCounted(
        ObservationParser.inTimeSlices(ObservationParser.cleanRows(classified), outcome.clean()),
        outcome.clean());
    // Most batches reject nothing: the count spares the quarantine's grouping and checkpoint.
    if (outcome.rejected() > 0) {
      rejected.insertNew(ObservationParser.rejectedRows(rejects), batchId);
    }
  }
}
