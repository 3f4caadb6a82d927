package io.cryptolakehouse.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Kafka records to Bronze rows: the value verbatim as text, where it came from, and when it was
 * ingested. No parsing and no filtering: a record that is not JSON, empty or huge is still one
 * Bronze row, and Silver decides what it is worth.
 */
final class BronzeRows {

  private BronzeRows() {}

  /** Takes rows with the Kafka source's schema; returns rows with Bronze's columns. */
  static Dataset<Row> fromKafka(Dataset<Row> kafkaRecords) {
    return kafkaRecords.select(
        col("value").cast("string").alias("raw_payload"),
        current_timestamp().alias("ingestion_timestamp"),
        col("offset").alias("kafka_offset"),
        col("partition").alias("kafka_partition"),
        col("topic").alias("kafka_topic"),
        col("key").cast("string").alias("kafka_key"),
        col("timestamp").alias("kafka_timestamp"));
  }
}
