package io.cryptolakehouse.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.cryptolakehouse.model.envelope.SourceKind;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Backfill fills empty hours and nothing else. A backfilled point is kept only when no other
 * message observed its coin in that hour: not live data (in this batch or already in Silver), and
 * not an earlier backfill message (the lowest Kafka offset owns an hour). So a repeated backfill,
 * or one over hours live polling covered, changes neither Silver nor Gold; the points it brings are
 * recorded in the quarantine under {@value #RULE}, so every Bronze row stays accounted for.
 *
 * <p>Replay-safe: on a replayed batch the message that owned an hour finds only its own rows there.
 */
final class BackfillCoverage {

  static final String RULE = "hour_already_observed";

  private static final String[] JOIN_KEYS = {"crypto_symbol", "hour"};
  private static final Column HOUR = date_trunc("hour", col("api_timestamp"));
  private static final Column IS_BACKFILL = col("source").equalTo(SourceKind.BACKFILL.wireName());
  private static final Column MESSAGE = struct(col("bronze_partition"), col("bronze_offset"));

  private BackfillCoverage() {}

  /**
   * The classified batch with its covered backfill points marked, against the Silver table. A batch
   * without backfill points (every live batch) is returned as it is, without a look at Silver: the
   * group-by and joins of {@link #apply} would only add planning and shuffles to every batch
   * (docs/benchmarks.md, freshness).
   */
  static Dataset<Row> applyAgainst(Dataset<Row> classified, Dataset<Row> silver, BatchRange range) {
    return range.hasBackfill() ? apply(classified, silverRowsNear(range, silver)) : classified;
  }

  /**
   * Silver rows ({@code crypto_symbol, api_timestamp, bronze_partition, bronze_offset}) in the
   * hours the batch's valid backfill points fall in; none when the batch has no backfill. Bounded
   * by the batch's range so the table scan is pruned to those days.
   */
  static Dataset<Row> silverRowsNear(BatchRange range, Dataset<Row> silver) {
    Dataset<Row> rows =
        silver.select("crypto_symbol", "api_timestamp", "bronze_partition", "bronze_offset");
    if (!range.hasBackfill()) {
      return rows.where(lit(false));
    }
    Timestamp from = Timestamp.from(range.backfillFrom().toInstant().truncatedTo(ChronoUnit.HOURS));
    Timestamp to =
        Timestamp.from(
            range.backfillTo().toInstant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)));
    return rows.where(col("api_timestamp").geq(lit(from)).and(col("api_timestamp").lt(lit(to))));
  }

  /** Marks the backfill points of hours another message observed with {@value #RULE}. */
  static Dataset<Row> apply(Dataset<Row> classified, Dataset<Row> silverRows) {
    // The hour's owner in this batch: live data first, then the lowest offset.
    Dataset<Row> batchOwners =
        classified
            .filter(col("rule").isNull())
            .groupBy(col("crypto_symbol"), HOUR.alias("hour"))
            .agg(
                min(struct(
                        when(IS_BACKFILL, lit(1)).otherwise(lit(0)).alias("backfill"),
                        col("bronze_partition"),
                        col("bronze_offset")))
                    .alias("owner"));
    Dataset<Row> tableOwners =
        silverRows
            .groupBy(col("crypto_symbol"), HOUR.alias("hour"))
            .agg(min(MESSAGE).alias("first_in_table"), max(MESSAGE).alias("last_in_table"));
    Column ownedByOther =
        col("owner.backfill")
            .equalTo(0)
            .or(col("owner.bronze_partition").notEqual(col("bronze_partition")))
            .or(col("owner.bronze_offset").notEqual(col("bronze_offset")));
    Column inTableFromOther =
        col("first_in_table").notEqual(MESSAGE).or(col("last_in_table").notEqual(MESSAGE));
    Column covered =
        IS_BACKFILL
            .and(col("rule").isNull())
            .and(coalesce(ownedByOther, lit(false)).or(coalesce(inTableFromOther, lit(false))));
    return classified
        .withColumn("hour", HOUR)
        .join(batchOwners, JOIN_KEYS, "left")
        .join(tableOwners, JOIN_KEYS, "left")
        .withColumn("covered", covered)
        .withColumn("rule", when(col("covered"), lit(RULE)).otherwise(col("rule")))
        .withColumn(
            "detail",
            when(
                    col("covered"),
                    concat(
                        col("crypto_symbol"),
                        lit(" already has observations in "),
                        date_format(col("hour"), "yyyy-MM-dd HH:00"),
                        lit(" UTC; backfill fills only empty hours")))
                .otherwise(col("detail")))
        .drop("hour", "owner", "first_in_table", "last_in_table", "covered");
  }
}
