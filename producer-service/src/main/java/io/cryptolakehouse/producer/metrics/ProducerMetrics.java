package io.cryptolakehouse.producer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The producer's counters, exported at {@code /actuator/prometheus}. */
public final class ProducerMetrics {

  private final MeterRegistry registry;

  public ProducerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** One API call finished; outcome is {@code success} or a failure reason. */
  public void countCall(String endpoint, String outcome) {
    Counter.builder("coingecko.calls")
        .description("API calls by endpoint and outcome")
        .tag("endpoint", endpoint)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  public void countPublished(String topic) {
    Counter.builder("producer.published")
        .description("Envelopes acknowledged by Kafka")
        .tag("topic", topic)
        .register(registry)
        .increment();
  }

  public void countPublishFailure(String topic) {
    Counter.builder("producer.publish.failures")
        .description("Publish attempts that failed and were retried")
        .tag("topic", topic)
        .register(registry)
        .increment();
  }

  /** A poll ended without publishing everything it should have (the API kept failing). */
  public void countAbandonedCall(String endpoint) {
    Counter.builder("producer.calls.abandoned")
        .description("Calls given up after the maximum attempts")
        .tag("endpoint", endpoint)
        .register(registry)
        .increment();
  }

  /** Kafka refused an envelope for a reason no retry changes; it was logged and dropped. */
  public void countPublishDropped(String topic, String reason) {
    Counter.builder("producer.publish.dropped")
        .description("Envelopes Kafka refused for good (too large, not authorised, ...)")
        .tag("topic", topic)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /** A send has had no answer from Kafka for one acknowledgement wait; it is still pending. */
  public void countSlowAck(String topic) {
    Counter.builder("producer.publish.slow-acks")
        .description("Waits for an acknowledgement that ran out while the send was still pending")
        .tag("topic", topic)
        .register(registry)
        .increment();
  }
}
