package io.cryptolakehouse.spark;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics Bronze reads if they do not exist yet (with the broker's default partitions
 * and replication), so the job may start before the producer: Spark's Kafka source fails on a topic
 * that does not exist rather than waiting for it.
 */
public final class KafkaTopics {

  private static final Logger log = LoggerFactory.getLogger(KafkaTopics.class);
  private static final long TIMEOUT_SECONDS = 60;

  private KafkaTopics() {}

  public static void ensureExist(String bootstrapServers, List<String> topics) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      for (String topic : topics) {
        try {
          admin
              .createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
              .all()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
          log.info("Created Kafka topic {} (it did not exist yet)", topic);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("Cannot create Kafka topic " + topic, e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while checking Kafka topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka at " + bootstrapServers + " did not answer within " + TIMEOUT_SECONDS + " s", e);
    }
  }
}
