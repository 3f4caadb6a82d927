package io.cryptolakehouse.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How many of a classified batch's rows Silver appends and how many go to the quarantine, counted
 * in the Spark job that computes and holds the batch: neither write then runs an emptiness check of
 * its own (a job each, on every live batch, on the path to the freshest bar).
 *
 * @param lateRejected of the rejected, those rejected after the row pass, which kept no text
 *     ({@link LateRejects})
 */
record BatchOutcome(long clean, long rejected, long lateRejected) {

  static BatchOutcome of(Dataset<Row> classified) {
    Row counts =
        classified
            .agg(
                count(when(col("rule").isNull().and(col(ObservationParser.KEPT)), lit(1))),
                count(col("rule")),
                count(when(LateRejects.isLate(), lit(1))))
            .first();
    return new BatchOutcome(counts.getLong(0), counts.getLong(1), counts.getLong(2));
  }

  /** A batch with no valid observation: each of its {@code rows} is rejected. */
  static BatchOutcome allRejected(long rows) {
    return new BatchOutcome(0, rows, 0);
  }
}
