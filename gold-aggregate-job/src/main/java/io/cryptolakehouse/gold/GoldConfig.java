package io.cryptolakehouse.gold;

import io.cryptolakehouse.model.Topics;
import io.cryptolakehouse.spark.BatchLimits;
import io.cryptolakehouse.spark.JobSettings;
import io.cryptolakehouse.spark.KafkaSettings;
import io.cryptolakehouse.spark.LakehouseConfig;
import io.cryptolakehouse.spark.StreamSettings;
import io.cryptolakehouse.spark.StreamTrigger;
import java.time.Duration;

/**
 * The Gold job's settings ({@code spark.crypto.*}).
 *
 * @param dropThresholdPct a fall of more than this many percent below the window's high is an alert
 * @param dropWindow the look-back window of the price-drop rule
 * @param alertsTopic where new alerts are published (blank: not published)
 * @param alertMaxAge alerts whose drop ended longer ago than this are stored, not published: a
 *     backfill of months must not announce months-old drops as live
 * @param batchLimits caps on the Silver files and rows (observations) one micro-batch reads
 * @param dayWideTrigger the trigger of the {@code gold-aggregates} query: the daily candles,
 *     volatility, alerts and ticks, which reread the touched days each batch. By default the
 *     stream's trigger, but at least {@link #DEFAULT_DAY_WIDE_MINIMUM}: run back to back, such
 *     batches took the cores the bars and Silver need (docs/benchmarks.md, freshness)
 */
public record GoldConfig(
    LakehouseConfig lakehouse,
    StreamSettings stream,
    double dropThresholdPct,
    Duration dropWindow,
    String bootstrapServers,
    String alertsTopic,
    Duration alertMaxAge,
    BatchLimits batchLimits,
    String dayWideTrigger) {

  public static final double DEFAULT_DROP_THRESHOLD_PCT = 5;
  public static final Duration DEFAULT_DROP_WINDOW = Duration.ofMinutes(10);
  public static final String DROP_THRESHOLD_PCT = JobSettings.PREFIX + "gold.drop-threshold-pct";
  public static final String DROP_WINDOW_MINUTES = JobSettings.PREFIX + "gold.drop-window-minutes";
  public static final String MAX_FILES_PER_BATCH = BatchLimits.key("gold", BatchLimits.MAX_FILES);
  public static final String MAX_ROWS_PER_BATCH = BatchLimits.key("gold", BatchLimits.MAX_ROWS);

  /** One million observations: a 2 M-observation batch ran here within 3 GB, 10 M did not. */
  public static final long DEFAULT_MAX_ROWS_PER_BATCH = 1_000_000;

  /** Empty to not publish alerts to Kafka (they are still written to the alerts table). */
  public static final String ALERTS_TOPIC = KafkaSettings.PREFIX + "alerts-topic";

  public static final Duration DEFAULT_ALERT_MAX_AGE = Duration.ofHours(1);
  public static final String ALERT_MAX_AGE_MINUTES =
      JobSettings.PREFIX + "gold.alert-max-age-minutes";

  public static final String DAY_WIDE_TRIGGER = JobSettings.PREFIX + "gold.day-wide-trigger";
  public static final Duration DEFAULT_DAY_WIDE_MINIMUM = Duration.ofSeconds(30);

  public GoldConfig {
    if (!(dropThresholdPct > 0 && dropThresholdPct < 100)) {
      throw new IllegalArgumentException(
          DROP_THRESHOLD_PCT + " must be between 0 and 100, was " + dropThresholdPct);
    }
    if (dropWindow.isZero()) {
      throw new IllegalArgumentException(DROP_WINDOW_MINUTES + " must be > 0");
    }
  }

  public static GoldConfig from(JobSettings s) {
    String threshold = s.string(DROP_THRESHOLD_PCT, String.valueOf(DEFAULT_DROP_THRESHOLD_PCT));
    double pct;
    try {
      pct = Double.parseDouble(threshold);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          DROP_THRESHOLD_PCT + " must be a number, was '" + threshold + "'");
    }
    StreamSettings stream = StreamSettings.from(s, "30 seconds");
    String dayWide =
        s.string(
            DAY_WIDE_TRIGGER,
            StreamTrigger.atLeast(
                StreamSettings.TRIGGER, stream.trigger(), DEFAULT_DAY_WIDE_MINIMUM));
    StreamTrigger.parse(DAY_WIDE_TRIGGER, dayWide); // fail at startup, naming the key
    return new GoldConfig(
        LakehouseConfig.from(s),
        stream,
        pct,
        Duration.ofMinutes(s.nonNegativeLong(DROP_WINDOW_MINUTES, DEFAULT_DROP_WINDOW.toMinutes())),
        KafkaSettings.bootstrapServers(s),
        s.string(ALERTS_TOPIC, Topics.ALERTS),
        Duration.ofMinutes(
            s.nonNegativeLong(ALERT_MAX_AGE_MINUTES, DEFAULT_ALERT_MAX_AGE.toMinutes())),
        BatchLimits.from(s, "gold", DEFAULT_MAX_ROWS_PER_BATCH),
        dayWide);
  }

  /** The stream settings of the {@code gold-aggregates} query: its own trigger. */
  StreamSettings dayWideStream() {
    return new StreamSettings(
        stream.checkpointRoot(), dayWideTrigger, stream.allowPartialHistory());
  }
}
