package io.cryptolakehouse.silver;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;

import java.time.Duration;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The text of rows rejected after the batch's row pass: a valid observation carries no record
 * through the batch's shuffle, sort and holds ({@link ObservationRows}), so one that a batch-wide
 * check rejects later (a {@value ObservationParser#CONFLICT}, a backfill point whose hour is
 * {@value BackfillCoverage#RULE}) has none. Its messages are read again from the batch's Bronze
 * rows, and each such row gets its record back: the quarantine keeps the rejected text of every
 * row.
 */
final class LateRejects {

  /** One observation of one message; the price tells apart two copies of a key in a message. */
  private static final String[] OBSERVATION = {
    "bronze_partition", "bronze_offset", "crypto_symbol", "api_timestamp", "price_usd"
  };

  private LateRejects() {}

  /** Whether a classified row was rejected after the row pass, which kept no text for it. */
  static Column isLate() {
    return col("rule").isNotNull().and(col("record").isNull()).and(col("message_record").isNull());
  }

  /**
   * The batch's rejected rows, each late one with its record read again from {@code bronze} (the
   * batch's Bronze rows).
   */
  static Dataset<Row> withRecords(
      Dataset<Row> classified, Dataset<Row> bronze, Duration maxObservationAge) {
    Dataset<Row> rejected = classified.filter(col("rule").isNotNull());
    // A handful of messages: sent to every task rather than shuffling the batch to join them.
    Dataset<Row> messages =
        rejected
            .filter(isLate())
            .select(col("bronze_partition").alias("p"), col("bronze_offset").alias("o"))
            .distinct();
    Dataset<Row> lateMessages =
        bronze.join(
            broadcast(messages),
            bronze
                .col("kafka_partition")
                .cast("int")
                .equalTo(messages.col("p"))
                .and(bronze.col("kafka_offset").cast("long").equalTo(messages.col("o"))),
            "left_semi");
    Dataset<Row> records =
        ObservationParser.judge(lateMessages, maxObservationAge, true)
            .filter(col("record").isNotNull())
            .groupBy(Arrays.stream(OBSERVATION).map(functions::col).toArray(Column[]::new))
            .agg(min(col("record")).alias("read_again"));
    return rejected
        .join(records, OBSERVATION, "left")
        .withColumn("record", coalesce(col("record"), col("read_again")))
        .drop("read_again");
  }
}
