package io.cryptolakehouse.bronze;

import io.cryptolakehouse.model.Topics;
import io.cryptolakehouse.spark.JobSettings;
import io.cryptolakehouse.spark.KafkaSettings;
import io.cryptolakehouse.spark.LakehouseConfig;
import io.cryptolakehouse.spark.StreamSettings;

/**
 * The Bronze job's settings ({@code spark.crypto.*}).
 *
 * @param startingOffsets where a query with no checkpoint starts: {@code earliest} by default, not
 *     {@code latest}, so whatever the producer published before the job's first start is not lost;
 *     afterwards the checkpoint decides
 * @param failOnDataLoss fail when offsets to read have left Kafka's retention (the default: a gap
 *     in the audit trail must be noticed); false to skip ahead with a warning
 * @param maxOffsetsPerTrigger caps a micro-batch (0 = no cap): a batch's fixed cost (planning,
 *     offsets and commit logs, the Iceberg commit) is paid per batch, so a catch-up runs faster in
 *     fewer, larger batches; the cap bounds what one batch holds. Silver's batches stay bounded
 *     either way: Bronze's files are (the tables' {@code write.target-file-size-bytes})
 * @param minPartitions at least this many Spark tasks read a batch (0, the default: the session's
 *     default parallelism, one per core under {@code local[*]}; 1 = one per Kafka partition): the
 *     producer's key puts one coin set in one partition, so a backlog is read by one core unless
 *     its offset range is split. A live batch of a few records is split too, at the cost of a
 *     near-empty task
 */
public record BronzeConfig(
    LakehouseConfig lakehouse,
    StreamSettings stream,
    String bootstrapServers,
    String pricesTopic,
    String marketsTopic,
    String startingOffsets,
    boolean failOnDataLoss,
    long maxOffsetsPerTrigger,
    long minPartitions) {

  static final String KAFKA = KafkaSettings.PREFIX;
  public static final String PRICES_TOPIC = KAFKA + "prices-topic";
  public static final String MARKETS_TOPIC = KAFKA + "markets-topic";
  public static final String STARTING_OFFSETS = KAFKA + "starting-offsets";
  public static final String FAIL_ON_DATA_LOSS = KAFKA + "fail-on-data-loss";
  public static final String MAX_OFFSETS_PER_TRIGGER = KAFKA + "max-offsets-per-trigger";
  public static final String MIN_PARTITIONS = KAFKA + "min-partitions";
  public static final long DEFAULT_MAX_OFFSETS_PER_TRIGGER = 500_000;

  public BronzeConfig {
    if (!startingOffsets.equals("earliest")
        && !startingOffsets.equals("latest")
        && !startingOffsets.startsWith("{")) {
      throw new IllegalArgumentException(
          STARTING_OFFSETS
              + " must be earliest, latest or a JSON offsets map, was '"
              + startingOffsets
              + "'");
    }
  }

  public static BronzeConfig from(JobSettings s) {
    return new BronzeConfig(
        LakehouseConfig.from(s),
        StreamSettings.from(s, "30 seconds"),
        KafkaSettings.bootstrapServers(s),
        s.string(PRICES_TOPIC, Topics.PRICES_RAW),
        s.string(MARKETS_TOPIC, Topics.COIN_MARKETS_RAW),
        s.string(STARTING_OFFSETS, "earliest"),
        s.bool(FAIL_ON_DATA_LOSS, true),
        s.nonNegativeLong(MAX_OFFSETS_PER_TRIGGER, DEFAULT_MAX_OFFSETS_PER_TRIGGER),
        s.nonNegativeLong(MIN_PARTITIONS, 0));
  }
}
