package io.cryptolakehouse.producer.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** UP when the Kafka cluster answers a metadata request within the timeout. */
public final class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

  private final AdminClient admin;
  private final Duration timeout;

  public KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout) {
    this.admin = AdminClient.create(adminConfig);
    this.timeout = timeout;
  }

  @Override
  public Health health() {
    try {
      DescribeClusterResult cluster =
          admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
      int nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
      String clusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return Health.up().withDetail("clusterId", clusterId).withDetail("brokers", nodes).build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Health.down(e).build();
    } catch (Exception e) {
      return Health.down().withDetail("error", e.toString()).build();
    }
  }

  @Override
  public void destroy() {
    admin.close(Duration.ofSeconds(5));
  }
}
