package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.cryptolakehouse.model.Tables;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the alerts Gold has committed, once each, from the alerts table (the outbox pattern:
 * the table is the truth, Kafka a copy). The table's properties remember how far publishing got —
 * the last alerts snapshot looked at, the newest {@code detected_at} published, and the topic's end
 * offsets then — so a publisher that died after sending and before remembering skips, after a
 * restart, the ids the topic already holds past those offsets. A broker that is away delays the
 * alerts, and Gold's commits go on; the next batch tries again.
 */
final class AlertOutbox {

  private static final Logger log = LoggerFactory.getLogger(AlertOutbox.class);
  static final String CHECKED_SNAPSHOT = "crypto.alerts.outbox.checked-snapshot";
  static final String PUBLISHED_THROUGH = "crypto.alerts.outbox.published-through";
  static final String TOPIC_OFFSETS = "crypto.alerts.outbox.topic-offsets";

  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  private final GoldConfig config;
  private final String table;
  private Instant retryAt = Instant.MIN;
  private Duration backoff = FIRST_BACKOFF;

  AlertOutbox(GoldConfig config) {
    this.config = config;
    this.table = Tables.GOLD_PRICE_ALERTS.qualifiedIn(config.lakehouse().catalog());
  }

  /**
   * Gives a table without outbox state (new, or written by a version that published before
   * committing) its starting point: everything it holds counts as published.
   */
  void initialize(SparkSession spark) {
    Table alerts = load(spark);
    if (alerts.properties().containsKey(PUBLISHED_THROUGH)) {
      return;
    }
    Row newest = spark.table(table).agg(max(col("detected_at"))).first();
    Instant through = newest.isNullAt(0) ? Instant.EPOCH : instantOf(newest.get(0));
    var update = alerts.updateProperties().set(PUBLISHED_THROUGH, through.toString());
    if (alerts.currentSnapshot() != null) {
      update.set(CHECKED_SNAPSHOT, String.valueOf(alerts.currentSnapshot().snapshotId()));
    }
    update.commit();
    log.info("Alert outbox starts after {} (alerts up to then were published before)", through);
  }

  private Table load(SparkSession spark) {
    try {
      Table alerts = Spark3Util.loadIcebergTable(spark, table);
      alerts.refresh();
      return alerts;
    } catch (org.apache.spark.sql.catalyst.parser.ParseException
        | org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
      throw new IllegalStateException("Cannot load " + table, e);
    }
  }

  /** Publishes what was committed and not yet published; a failure is logged, not thrown. */
  void publishCommitted(SparkSession spark) {
    if (config.alertsTopic().isBlank() || Instant.now().isBefore(retryAt)) {
      return; // while the broker is away, batches do not each wait for its timeouts
    }
    try {
      Table alerts = load(spark);
      Snapshot current = alerts.currentSnapshot();
      String checked = alerts.properties().get(CHECKED_SNAPSHOT);
      if (current == null || String.valueOf(current.snapshotId()).equals(checked)) {
        return; // no alert committed since the last look: no Spark job, no broker call
      }
      publish(spark, alerts, current);
      backoff = FIRST_BACKOFF;
    } catch (Exception e) {
      retryAt = Instant.now().plus(backoff);
      log.warn(
          "Alerts not published to {} yet ({}); they are in {}, next attempt in {}",
          config.alertsTopic(),
          e.toString(),
          table,
          backoff);
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
    }
  }

  private void publish(SparkSession spark, Table alerts, Snapshot current) {
    Instant through =
        Instant.parse(
            alerts.properties().getOrDefault(PUBLISHED_THROUGH, Instant.EPOCH.toString()));
    Instant oldestLive = Instant.now().minus(config.alertMaxAge());
    List<Row> pending =
        spark
            .table(table)
            .filter(col("detected_at").gt(lit(Timestamp.from(through))))
            .select(
                col("alert_id"),
                to_json(struct(col("*"))).alias("value"),
                col("window_end").geq(lit(Timestamp.from(oldestLive))).alias("live"),
                col("detected_at"))
            .orderBy("detected_at", "alert_id")
            .collectAsList();
    Instant newest = through;
    int published = 0;
    int old = 0;
    try (AlertTopic topic = new AlertTopic(config.bootstrapServers(), config.alertsTopic())) {
      Set<String> alreadySent = topic.keysAfter(alerts.properties().get(TOPIC_OFFSETS));
      for (Row r : pending) {
        Instant detected = instantOf(r.get(3));
        newest = detected.isAfter(newest) ? detected : newest;
        if (!r.getBoolean(2)) {
          old++;
        } else if (!alreadySent.contains(r.getString(0))) {
          topic.send(r.getString(0), r.getString(1));
          published++;
        }
      }
      topic.flush();
      alerts
          .updateProperties()
          .set(CHECKED_SNAPSHOT, String.valueOf(current.snapshotId()))
          .set(PUBLISHED_THROUGH, newest.toString())
          .set(TOPIC_OFFSETS, topic.endOffsets())
          .commit();
    }
    if (published + old > 0) {
      log.info(
          "Published {} alert(s) to {}; {} older than {} kept in the table only",
          published,
          config.alertsTopic(),
          old,
          config.alertMaxAge());
    }
  }

  private static Instant instantOf(Object timestamp) {
    return timestamp instanceof Timestamp t ? t.toInstant() : (Instant) timestamp;
  }
}
