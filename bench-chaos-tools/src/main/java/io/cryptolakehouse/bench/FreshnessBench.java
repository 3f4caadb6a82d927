package io.cryptolakehouse.bench;

import io.cryptolakehouse.embedded.Ports;
import io.cryptolakehouse.local.support.KafkaOffsets;
import io.cryptolakehouse.local.support.Layer;
import io.cryptolakehouse.local.support.ServiceProcess;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.model.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code freshness}: the producer (simulated source) publishing every --interval seconds and the
 * three layers' queries running in one Spark session at the low-latency trigger, for --minutes.
 * Latency per observation is measured from Kafka's record timestamp (set by the producer when it
 * publishes) to the commit of the Iceberg snapshot that made it visible: in Silver (the snapshot
 * that added its data file) and in Gold's hourly bar (the first snapshot whose bar counts it).
 */
final class FreshnessBench {

  private static final Logger log = LoggerFactory.getLogger(FreshnessBench.class);
  private static final Duration WARM_UP = Duration.ofSeconds(60);
  private static final Duration DRAIN = Duration.ofMinutes(3);

  private FreshnessBench() {}

  static boolean run(BenchOptions options, Path producerJar, Figures figures) throws Exception {
    String trigger = options.trigger();
    figures
        .configure("triggers", trigger + " (Bronze, Silver, Gold in one Spark session)")
        .configure("producer_interval_s", options.interval())
        .configure("minutes", options.minutes())
        .configure("warm_up_excluded_s", WARM_UP.toSeconds());
    try (BenchLakehouse lakehouse = new BenchLakehouse(options.dataDir(), options.jobSettings())) {
      BatchTimes batchTimes = BatchTimes.listenTo(lakehouse.spark());
      List<StreamingQuery> queries = new ArrayList<>();
      queries.addAll(lakehouse.stream(trigger, Layer.BRONZE));
      queries.addAll(lakehouse.stream(trigger, Layer.SILVER));
      queries.addAll(lakehouse.stream(trigger, Layer.GOLD));
      ServiceProcess producer =
          new ServiceProcess(
              producerJar,
              Map.of(
                  ServiceProcess.KAFKA_BOOTSTRAP_SERVERS,
                  lakehouse.bootstrap(),
                  "PRODUCER_SOURCE",
                  "simulated",
                  "API_INTERVAL_SECONDS",
                  Integer.toString(options.interval()),
                  "SERVER_PORT",
                  Integer.toString(Ports.free())),
              options.dataDir().resolve("logs/producer.log"));
      Instant from;
      Instant to;
      producer.start();
      try {
        from = Instant.now().plus(WARM_UP);
        to = from.plus(Duration.ofMinutes(options.minutes()));
        log.info("freshness: measuring what is published from {} to {}", from, to);
        pause(Duration.between(Instant.now(), to));
      } finally {
        producer.stop();
      }
      FreshnessProbe probe = new FreshnessProbe(lakehouse.spark(), lakehouse.catalog());
      KafkaOffsets offsets = new KafkaOffsets(lakehouse.bootstrap(), List.of(Topics.PRICES_RAW));
      Instant deadline = Instant.now().plus(DRAIN);
      // Drained: Gold counts every Silver row twice in a row, a trigger apart (Silver may still
      // be writing the last Bronze rows in between).
      boolean drained = false;
      while (Instant.now().isBefore(deadline)) {
        Long published = offsets.published();
        boolean now =
            published != null
                && published == lakehouse.rows(Tables.BRONZE_TICKS_RAW)
                && probe.drained();
        if (now && drained) {
          break;
        }
        drained = now;
        pause(Duration.ofSeconds(5));
      }
      offsets.close();
      for (StreamingQuery q : queries) {
        q.stop();
      }
      FreshnessProbe.Latencies silver = probe.silver(from, to);
      FreshnessProbe.Latencies gold = probe.goldHourly(from, to);
      FreshnessProbe.Latencies minute = probe.goldMinuteCandle(from, to);
      figures
          .add("observations", silver.count(), "obs", "published in the measured window")
          .add("silver_p50", silver.p50(), "s")
          .add("silver_p95", silver.p95(), "s")
          .add("silver_p99", silver.p99(), "s")
          .add("gold_hourly_p50", gold.p50(), "s")
          .add("gold_hourly_p95", gold.p95(), "s", "goal <= 10")
          .add("gold_hourly_p99", gold.p99(), "s")
          .add("gold_1m_candle_p50", minute.p50(), "s")
          .add("gold_1m_candle_p95", minute.p95(), "s", "as fresh as the hourly bar")
          .add(
              "gold_hourly_visible",
              gold.count(),
              "obs",
              gold.count() == silver.count() ? "all" : "not all")
          .add("silver_snapshots", probe.snapshots(Tables.SILVER_PRICES_CLEAN), "")
          .add("gold_hourly_snapshots", probe.snapshots(Tables.GOLD_FACT_HOURLY), "");
      batchTimes.addTo(figures);
      return silver.count() > 0 && gold.count() == silver.count();
    }
  }

  private static void pause(Duration d) throws InterruptedException {
    if (!d.isNegative()) {
      Thread.sleep(d.toMillis());
    }
  }
}
