package io.cryptolakehouse.silver;

import io.cryptolakehouse.model.StreamingQueries;
import io.cryptolakehouse.model.Tables;
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
 * The Silver query: streams Bronze's appends, classifies each micro-batch, inserts new valid
 * observations into Silver and new rejects into the quarantine. Used by {@link SilverTransformJob}
 * and the embedded runner.
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
    IcebergMerge clean =
        new IcebergMerge(
            Tables.SILVER_PRICES_CLEAN.qualifiedIn(catalog), Tables.SILVER_KEY, "api_timestamp");
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
      Dataset<Row> parsed = ObservationParser.classify(batch, config.maxObservationAge()).persist();
      Dataset<Row> classified = parsed;
      try {
        Dataset<Row> silver = batch.sparkSession().table(clean.table());
        Dataset<Row> covered = BackfillCoverage.applyAgainst(parsed, silver);
        classified = SilverConflicts.markAgainst(covered, silver);
        // A batch with no valid row comes back as it is, and is cached already.
        classified = classified == parsed ? parsed : classified.persist();
        clean.insertNew(ObservationParser.cleanRows(classified), batchId);
        // Most batches reject nothing: a look at the cached rows spares the quarantine's grouping,
        // checkpoint and emptiness check (11 % of the Silver thread in a profile).
        if (!ObservationParser.rejectedOnly(classified).isEmpty()) {
          rejected.insertNew(ObservationParser.rejectedRows(classified), batchId);
        }
      } finally {
        if (classified != parsed) {
          classified.unpersist();
        }
        parsed.unpersist();
      }
    };
  }
}
