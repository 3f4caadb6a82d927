package io.cryptolakehouse.spark;

/**
 * The Kafka connection of every job that reads or writes Kafka (Bronze reads the topics, Gold
 * publishes alerts): one key and one default, so the jobs and the runners that set it agree.
 */
public final class KafkaSettings {

  public static final String PREFIX = JobSettings.PREFIX + "kafka.";
  public static final String BOOTSTRAP_SERVERS = PREFIX + "bootstrap-servers";

  /** The broker as the containers on Compose's network reach it. */
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "kafka:29092";

  private KafkaSettings() {}

  public static String bootstrapServers(JobSettings settings) {
    return settings.string(BOOTSTRAP_SERVERS, DEFAULT_BOOTSTRAP_SERVERS);
  }
}
