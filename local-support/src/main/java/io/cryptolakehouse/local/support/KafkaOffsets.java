package io.cryptolakehouse.local.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How many messages the producer has published: the sum of the topics' end offsets. */
public final class KafkaOffsets implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaOffsets.class);

  private final Admin admin;
  private final List<String> topics;

  public KafkaOffsets(String bootstrapServers, List<String> topics) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    this.admin = Admin.create(props);
    this.topics = List.copyOf(topics);
  }

  /** Messages ever published to the topics; null if Kafka does not answer. */
  public Long published() {
    Map<TopicPartition, Long> ends = endOffsets();
    return ends.isEmpty() ? null : ends.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The end offset of every partition of the topics; empty if Kafka does not answer. */
  public Map<TopicPartition, Long> endOffsets() {
    try {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin
          .describeTopics(topics)
          .allTopicNames()
          .get(5, TimeUnit.SECONDS)
          .forEach(
              (topic, d) ->
                  d.partitions()
                      .forEach(
                          p ->
                              latest.put(
                                  new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin
          .listOffsets(latest)
          .all()
          .get(5, TimeUnit.SECONDS)
          .forEach((tp, info) -> ends.put(tp, info.offset()));
      return ends;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    } catch (Exception e) {
      log.debug("No end offsets of {}: {}", topics, e.toString());
      return Map.of();
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
