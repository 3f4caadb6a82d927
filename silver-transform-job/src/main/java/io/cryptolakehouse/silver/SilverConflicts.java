package io.cryptolakehouse.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.cryptolakehouse.model.Tables;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Conflicts with what Silver already holds: a valid observation whose key (coin, time, origin) an
 * earlier batch stored with another price. Silver's insert skips keys it has, so without this the
 * second price would vanish without a trace; it goes to the quarantine under {@value
 * ObservationParser#CONFLICT}, naming the row it lost to. (Conflicts inside one batch are marked by
 * {@link ObservationParser#classify}.)
 *
 * <p>Replay-safe: a replayed batch finds its own rows in Silver under its own lineage, with its own
 * prices: it marks no conflict, and none of its rows is to be written again.
 */
final class SilverConflicts {

  private SilverConflicts() {}

  /**
   * The classified batch with its valid rows that conflict with Silver marked; {@code range} is the
   * batch's, taken before backfill coverage (a superset of the rows still valid after it).
   */
  static Dataset<Row> markAgainst(Dataset<Row> classified, Dataset<Row> silver, BatchRange range) {
    if (!range.hasValid()) {
      return classified;
    }
    // Silver files cover narrow api_timestamp ranges: the bounds prune the scan to a few files.
    Dataset<Row> stored =
        silver
            .where(
                col("api_timestamp")
                    .geq(lit(range.validFrom()))
                    .and(col("api_timestamp").leq(lit(range.validTo()))))
            .select(
                col("crypto_symbol"),
                col("api_timestamp"),
                col("is_simulated"),
                col("price_usd").alias("stored_price"),
                ObservationParser.bronzeAt(col("bronze_partition"), col("bronze_offset"))
                    .alias("stored_at"));
    // With a stored row, that row is the one kept, not the batch's earliest copy: a valid copy is
    // judged against it alone, whatever the in-batch check said.
    Column judgedHere =
        col("stored_at")
            .isNotNull()
            .and(col("rule").isNull().or(col("rule").equalTo(ObservationParser.CONFLICT)));
    Column conflict = not(col("price_usd").eqNullSafe(col("stored_price")));
    Dataset<Row> joined = classified.join(stored, Tables.SILVER_KEY.toArray(String[]::new), "left");
    List<Column> columns = new ArrayList<>();
    for (String name : classified.columns()) {
      if (name.equals("rule")) {
        columns.add(
            when(judgedHere, when(conflict, lit(ObservationParser.CONFLICT)))
                .otherwise(col("rule"))
                .alias("rule"));
      } else if (name.equals("detail")) {
        columns.add(
            when(
                    judgedHere,
                    when(
                        conflict,
                        concat(
                            lit("conflicts with the observation Silver holds from Bronze "),
                            col("stored_at"),
                            lit(": usd "),
                            col("price_usd").cast("string"),
                            lit(" vs kept "),
                            col("stored_price").cast("string"))))
                .otherwise(col("detail"))
                .alias("detail"));
      } else if (name.equals(ObservationParser.KEPT)) {
        // A key Silver holds is written no second time: this is what makes the write a plain
        // append, replay-safe, without a MERGE's second join against the table.
        columns.add(col(name).and(col("stored_at").isNull()).alias(name));
      } else {
        columns.add(col(name));
      }
    }
    return joined.select(columns.toArray(Column[]::new));
  }
}
