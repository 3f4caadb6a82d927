package io.cryptolakehouse.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.cryptolakehouse.model.Tables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;

/**
 * Bronze rows to classified observations: one row per coin per message (or one per message when the
 * message itself is rejected), each with its typed values and, if rejected, the rule and a detail.
 * Pure: no I/O, unit-tested on static rows.
 */
final class ObservationParser {

  /** The rule of a valid observation that contradicts an earlier copy of its key. */
  static final String CONFLICT = "conflicting_duplicate";

  /** Column of a classified row: the copy of its key Silver writes (false for a rejected row). */
  static final String KEPT = "kept_copy";

  private ObservationParser() {}

  /**
   * Takes Bronze rows; returns classified observations (rule null = valid). Each record is read and
   * judged in one pass ({@link ObservationRows}); only the comparison of copies of one key, which
   * needs the rows of the whole batch, is Spark SQL.
   */
  static Dataset<Row> classify(Dataset<Row> bronze, Duration maxObservationAge) {
    return markConflicts(judge(bronze, maxObservationAge, false));
  }

  /**
   * Each Bronze record read and judged ({@link ObservationRows}); {@code everyRecord}: whether
   * valid rows keep their record (the batch's pass drops it, {@link LateRejects} reads it again).
   */
  static Dataset<Row> judge(Dataset<Row> bronze, Duration maxObservationAge, boolean everyRecord) {
    String zone = bronze.sparkSession().conf().get("spark.sql.session.timeZone");
    return bronze
        .select(
            col("raw_payload"),
            unix_micros(col("ingestion_timestamp")),
            col("kafka_partition").cast("int"),
            col("kafka_offset").cast("long"))
        .flatMap(
            new ObservationRows(zone, maxObservationAge.toSeconds(), everyRecord),
            Encoders.row(ObservationRows.SCHEMA))
        .select(
            col("bronze_partition"),
            col("bronze_offset"),
            timestamp_micros(col("ingestion_micros")).alias("ingestion_timestamp"),
            col("source"),
            col("is_simulated"),
            col("crypto_symbol"),
            col("price_usd"),
            col("volume_24h"),
            col("market_cap_usd"),
            col("percent_change_24h"),
            timestamp_micros(col("api_micros")).alias("api_timestamp"),
            col("rule"),
            col("detail"),
            col("record"),
            col("message_record"));
  }

  /**
   * A valid observation whose key (coin, time, origin) an earlier copy in the batch already holds
   * with another price is a conflict: Silver keeps the earliest copy, and the quarantine records
   * the other with both values, instead of it vanishing. Identical copies (CoinGecko's cache
   * answering the same observation again) are no conflict. Column {@value #KEPT} marks the copy
   * Silver keeps, so the rows to write need no second pass over the copies.
   */
  private static Dataset<Row> markConflicts(Dataset<Row> judged) {
    Column valid = col("rule").isNull();
    // Valid copies first, each key's in Kafka order: the first row of a key is the one kept.
    WindowSpec earlier =
        Window.partitionBy(Tables.SILVER_KEY.stream().map(functions::col).toArray(Column[]::new))
            .orderBy(valid.desc(), col("bronze_partition"), col("bronze_offset"));
    // The price is the observation; volume, market cap and change are computed by CoinGecko on
    // their own schedule and may be refreshed under the same last_updated_at.
    Column kept = first(when(valid, col("price_usd")), true).over(earlier);
    Column differs = not(col("price_usd").eqNullSafe(kept));
    Column which =
        concat(
            lit("usd "),
            col("price_usd").cast("string"),
            lit(" vs kept "),
            coalesce(kept.cast("string"), lit("null")));
    // The kept copy's coordinates as numbers: the text is built for a conflict only, not per row.
    Column keptAt =
        bronzeAt(
            first(when(valid, col("bronze_partition")), true).over(earlier),
            first(when(valid, col("bronze_offset")), true).over(earlier));
    Column conflict = valid.and(differs);
    List<Column> columns = new ArrayList<>();
    for (String name : judged.columns()) {
      if (name.equals("rule")) {
        columns.add(when(conflict, lit(CONFLICT)).otherwise(col("rule")).alias("rule"));
      } else if (name.equals("detail")) {
        columns.add(
            when(
                    conflict,
                    concat(
                        lit("conflicts with the observation kept from Bronze "),
                        keptAt,
                        lit(": "),
                        which))
                .otherwise(col("detail"))
                .alias("detail"));
      } else {
        columns.add(col(name));
      }
    }
    columns.add(valid.and(row_number().over(earlier).equalTo(1)).alias(KEPT));
    return judged.select(columns.toArray(Column[]::new));
  }

  /** A Bronze row's coordinates as the quarantine's details name them: "partition/offset". */
  static Column bronzeAt(Column partition, Column offset) {
    return concat(partition, lit("/"), offset);
  }

  /**
   * Valid observations in Silver's columns, one per key (a cached response polled twice is one
   * observation; the copy from the earliest Kafka offset is kept), and none Silver holds already
   * when the batch was marked against it ({@link SilverConflicts}).
   */
  static Dataset<Row> cleanRows(Dataset<Row> classified) {
    return classified
        .filter(col("rule").isNull().and(col(KEPT)))
        .select(
            col("crypto_symbol"),
            col("price_usd"),
            col("volume_24h"),
            col("market_cap_usd"),
            col("percent_change_24h"),
            col("api_timestamp"),
            current_timestamp().alias("processing_timestamp"),
            col("ingestion_timestamp"),
            col("source"),
            col("is_simulated"),
            col("bronze_partition"),
            col("bronze_offset"));
  }

  private static Dataset<Row> rejectedOnly(Dataset<Row> classified) {
    return classified.filter(col("rule").isNotNull());
  }

  /**
   * Rows a write task gets at most of a large batch: each task writes its own files, so about this
   * many per file and day.
   */
  static final long ROWS_PER_TIME_SLICE = 250_000;

  /**
   * A large batch's clean rows (there are {@code count}) split by time across the write's tasks, in
   * order: task i's rows all precede task i+1's. Iceberg lists a commit's files in task order, and
   * Gold's capped batches take Silver's files in that order. Spread by the dedupe's key hash
   * instead, every file spanned the whole batch, so each of Gold's batches spanned the whole
   * catch-up and recomputed all of it; sliced by time, each takes its own hours.
   */
  static Dataset<Row> inTimeSlices(Dataset<Row> clean, long count) {
    long slices = (count + ROWS_PER_TIME_SLICE - 1) / ROWS_PER_TIME_SLICE;
    return slices < 2
        ? clean
        : clean.repartitionByRange((int) Math.min(slices, 10_000), col("api_timestamp"));
  }

  /**
   * Rejected records in the quarantine's columns, one per message, coin and rule. A backfill
   * message rejects points, not coins: their count and the earliest one's detail are kept.
   */
  static Dataset<Row> rejectedRows(Dataset<Row> classified) {
    Column earliest =
        min(
            struct(
                coalesce(
                    col("api_timestamp"), lit(java.sql.Timestamp.from(java.time.Instant.EPOCH))),
                col("detail"),
                coalesce(col("message_record"), col("record")).alias("rejected_record")));
    return rejectedOnly(classified)
        .groupBy(
            col("rule"),
            col("crypto_symbol"),
            col("ingestion_timestamp"),
            col("bronze_partition"),
            col("bronze_offset"))
        .agg(earliest.alias("earliest"), count(lit(1)).alias("points"))
        .select(
            col("rule"),
            when(
                    col("points").gt(1),
                    concat(
                        col("points").cast("string"),
                        lit(" points, the first: "),
                        col("earliest.detail")))
                .otherwise(col("earliest.detail"))
                .alias("detail"),
            col("crypto_symbol"),
            col("earliest.rejected_record").alias("rejected_record"),
            col("ingestion_timestamp"),
            col("bronze_partition"),
            col("bronze_offset"),
            current_timestamp().alias("rejected_at"));
  }
}
