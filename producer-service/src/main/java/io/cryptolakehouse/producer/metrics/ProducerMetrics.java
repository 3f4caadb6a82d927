package io.cryptolakehouse.producer.metrics;

import io.cryptolakehouse.producer.quota.MonthlyCredits;
import io.cryptolakehouse.producer.quota.QuotaPacer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The producer's counters, exported at {@code /actuator/prometheus}. */
public final class ProducerMetrics {

  private final MeterRegistry registry;

  public ProducerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * The month's credits left (NaN where there is no monthly allowance), how much the poll intervals
   * are widened to make them last (1: not), and 1 while polling waits for the credits to renew.
   */
  public void gaugeCredits(MonthlyCredits credits, QuotaPacer pacer) {
    Gauge.builder(
            "coingecko.credits.remaining",
            credits,
            c -> c.remaining().isPresent() ? c.remaining().getAsLong() : Double.NaN)
        .description("API credits left this month")
        .register(registry);
    Gauge.builder("producer.poll.pace", pacer, QuotaPacer::factor)
        .description("How many times the configured poll intervals are widened to last the month")
        .register(registry);
    Gauge.builder("producer.poll.waiting-for-credits", pacer, p -> p.exhausted() ? 1 : 0)
        .description("1 while the month's credits are used up and polling waits for them")
        .register(registry);
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
