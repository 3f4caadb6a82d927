package io.cryptolakehouse.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import io.cryptolakehouse.model.envelope.SourceKind;
import java.sql.Timestamp;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The {@code api_timestamp} ranges of a classified batch that bound its lookups in Silver: of its
 * valid observations ({@link SilverConflicts}) and of its valid backfill points ({@link
 * BackfillCoverage}), and its row count. All come from one Spark job, the one that computes and
 * holds the batch ({@link io.cryptolakehouse.spark.HeldRows#whenFirstRead}): on a live batch of a
 * few rows each job is a fixed cost of scheduling and planning, paid every second.
 *
 * @param validFrom earliest valid observation (conflicts included); null when there is none
 * @param backfillFrom earliest valid backfill point; null when there is none
 */
record BatchRange(
    Timestamp validFrom,
    Timestamp validTo,
    Timestamp backfillFrom,
    Timestamp backfillTo,
    long rows) {

  static BatchRange of(Dataset<Row> classified) {
    Column valid = col("rule").isNull().or(col("rule").equalTo(ObservationParser.CONFLICT));
    Column backfill =
        col("source").equalTo(SourceKind.BACKFILL.wireName()).and(col("rule").isNull());
    Column at = col("api_timestamp");
    Row bounds =
        classified
            .agg(
                min(when(valid, at)),
                max(when(valid, at)),
                min(when(backfill, at)),
                max(when(backfill, at)),
                count(lit(1)))
            .first();
    return new BatchRange(
        bounds.getTimestamp(0),
        bounds.getTimestamp(1),
        bounds.getTimestamp(2),
        bounds.getTimestamp(3),
        bounds.getLong(4));
  }

  boolean hasValid() {
    return validFrom != null;
  }

  boolean hasBackfill() {
    return backfillFrom != null;
  }
}
