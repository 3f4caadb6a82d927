package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Publishes new price-drop alerts to Kafka, keyed by {@code alert_id}, as JSON with the alert
 * table's columns. Published before the alerts are committed to the table: if the job dies in
 * between, the replayed batch publishes them again — at-least-once, with a stable key consumers
 * deduplicate on (or a compacted topic collapses) — rather than losing an alert.
 */
record AlertPublisher(String bootstrapServers, String topic) {

  boolean enabled() {
    return topic != null && !topic.isBlank();
  }

  void publish(Dataset<Row> newAlerts) {
    if (!enabled()) {
      return;
    }
    newAlerts
        .select(col("alert_id").alias("key"), to_json(struct(newAlerts.col("*"))).alias("value"))
        .write()
        .format("kafka")
        .option("kafka.bootstrap.servers", bootstrapServers)
        .option("kafka.acks", "all")
        .option("kafka.enable.idempotence", "true")
        .option("topic", topic)
        .save();
  }
}
