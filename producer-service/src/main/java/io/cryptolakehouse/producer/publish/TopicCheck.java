package io.cryptolakehouse.producer.publish;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Asks the broker whether a topic exists. A send to a topic the cluster does not have (deleted, or
 * never created where the broker does not create topics on first use) fails only as a metadata
 * timeout, which Kafka marks retriable: without asking, the poll thread would wait on it forever.
 */
public final class TopicCheck implements AutoCloseable {

  private final Admin admin;
  private final Duration timeout;

  public TopicCheck(Map<String, Object> adminConfig, Duration timeout) {
    this.admin = Admin.create(adminConfig);
    this.timeout = timeout;
  }

  /**
   * True when the broker answered that the topic does not exist; false if it exists or no answer.
   */
  boolean isMissing(String topic) throws InterruptedException {
    try {
      admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return false;
    } catch (ExecutionException e) {
      return e.getCause() instanceof UnknownTopicOrPartitionException;
    } catch (TimeoutException brokerAway) {
      return false;
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
