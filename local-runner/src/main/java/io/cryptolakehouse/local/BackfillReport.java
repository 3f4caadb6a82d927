package io.cryptolakehouse.local;

import io.cryptolakehouse.local.support.KafkaOffsets;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.model.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until a backfill has gone through every layer — Bronze holds every message Kafka has, each
 * backfill message is accounted for in Silver or the quarantine, and Gold has a tick for each
 * Silver row it added — then reports per coin what it added and what it skipped.
 */
final class BackfillReport {

  private static final Logger log = LoggerFactory.getLogger(BackfillReport.class);

  private final SparkSession spark;
  private final String bronze;
  private final String messages;
  private final String silver;
  private final String rejected;
  private final String ticks;

  BackfillReport(SparkSession spark, String catalog, Instant since) {
    this.spark = spark;
    this.bronze = Tables.BRONZE_TICKS_RAW.qualifiedIn(catalog);
    // The backfill messages Bronze ingested since the command started.
    this.messages =
        "(SELECT kafka_partition AS p, kafka_offset AS o,"
            + " get_json_object(raw_payload, '$.requested_ids[0]') AS coin FROM "
            + bronze
            + " WHERE ingestion_timestamp >= TIMESTAMP '"
            + since.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
            + "' AND get_json_object(raw_payload, '$.source') = 'backfill')";
    this.silver = Tables.SILVER_PRICES_CLEAN.qualifiedIn(catalog);
    this.rejected = Tables.SILVER_PRICES_REJECTED.qualifiedIn(catalog);
    this.ticks = Tables.GOLD_FACT_TICKS.qualifiedIn(catalog);
  }

  /**
   * True once every layer has caught up with the end offsets of {@code kafka} (the prices topic);
   * false after {@code timeout}.
   */
  boolean awaitProcessed(KafkaOffsets kafka, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      String behind = behind(kafka.endOffsets());
      if (behind == null) {
        return true;
      }
      log.info("Waiting for the backfill to reach every layer: {}", behind);
      Thread.sleep(2000);
    }
    return false;
  }

  /** What is still missing, or null when nothing is. */
  String behind(Map<TopicPartition, Long> endOffsets) {
    Map<Integer, Long> ingested =
        spark
            .sql(
                "SELECT kafka_partition, max(kafka_offset) FROM "
                    + bronze
                    + " WHERE kafka_topic = '"
                    + Topics.PRICES_RAW
                    + "' GROUP BY 1")
            .collectAsList()
            .stream()
            .collect(java.util.stream.Collectors.toMap(r -> r.getInt(0), r -> r.getLong(1)));
    for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
      long last = end.getValue() - 1;
      if (last >= 0 && ingested.getOrDefault(end.getKey().partition(), -1L) < last) {
        return "Bronze is behind Kafka on " + end.getKey();
      }
    }
    long unaccounted =
        count(
            "SELECT count(*) FROM "
                + messages
                + " m LEFT ANTI JOIN (SELECT bronze_partition, bronze_offset FROM "
                + silver
                + " UNION ALL SELECT bronze_partition, bronze_offset FROM "
                + rejected
                + ") a ON m.p = a.bronze_partition AND m.o = a.bronze_offset");
    if (unaccounted > 0) {
      return unaccounted + " backfill message(s) not yet in Silver";
    }
    long notInGold =
        count(
            "SELECT count(*) FROM "
                + silver
                + " s LEFT SEMI JOIN "
                + messages
                + " m ON s.bronze_partition = m.p AND s.bronze_offset = m.o LEFT ANTI JOIN "
                + ticks
                + " t ON t.coin_id = s.crypto_symbol AND t.api_timestamp = s.api_timestamp");
    return notInGold > 0 ? notInGold + " backfilled observation(s) not yet in Gold" : null;
  }

  /**
   * Per coin: backfill calls ingested, observations added (and their hours), and the points kept
   * out because their hour was already observed or because they broke a rule.
   */
  Dataset<Row> perCoin() {
    String sql =
        """
        WITH m AS %s,
        added AS (
          SELECT m.coin, count(*) AS observations_added,
                 count(DISTINCT date_trunc('hour', s.api_timestamp)) AS hours_filled,
                 min(s.api_timestamp) AS first_added, max(s.api_timestamp) AS last_added
          FROM %s s JOIN m ON s.bronze_partition = m.p AND s.bronze_offset = m.o GROUP BY m.coin),
        kept_out AS (
          SELECT m.coin,
                 sum(CASE WHEN q.rule = 'hour_already_observed' THEN q.points END) AS already_observed,
                 sum(CASE WHEN q.rule <> 'hour_already_observed' THEN q.points END) AS rejected
          FROM (SELECT *, coalesce(CAST(regexp_extract(detail, '^([0-9]+) points', 1) AS BIGINT), 1)
                          AS points FROM %s) q
          JOIN m ON q.bronze_partition = m.p AND q.bronze_offset = m.o GROUP BY m.coin)
        SELECT m.coin, count(*) AS calls,
               coalesce(max(a.observations_added), 0) AS observations_added,
               coalesce(max(a.hours_filled), 0) AS hours_filled,
               max(a.first_added) AS first_added, max(a.last_added) AS last_added,
               coalesce(max(k.already_observed), 0) AS points_already_observed,
               coalesce(max(k.rejected), 0) AS points_rejected
        FROM m LEFT JOIN added a ON a.coin = m.coin LEFT JOIN kept_out k ON k.coin = m.coin
        GROUP BY m.coin ORDER BY m.coin
        """
            .formatted(messages, silver, rejected);
    return spark.sql(sql);
  }

  private long count(String sql) {
    return spark.sql(sql).first().getLong(0);
  }
}
