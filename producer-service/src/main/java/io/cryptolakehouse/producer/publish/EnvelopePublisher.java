package io.cryptolakehouse.producer.publish;

import io.cryptolakehouse.model.envelope.ApiEnvelope;
import io.cryptolakehouse.model.envelope.EnvelopeHeaders;
import io.cryptolakehouse.model.envelope.SourceKind;
import io.cryptolakehouse.producer.metrics.ProducerMetrics;
import io.cryptolakehouse.producer.retry.Backoff;
import io.cryptolakehouse.producer.retry.Sleeper;
import io.cryptolakehouse.producer.source.ApiRequest;
import io.cryptolakehouse.producer.source.ApiRequest.Endpoint;
import io.cryptolakehouse.producer.source.FetchOutcome.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wraps a response in an {@link ApiEnvelope} and publishes it, waiting for Kafka's acknowledgement.
 * A publish that failed for a transient reason is sent again with backoff until it succeeds or the
 * producer stops: the response is already fetched, and losing it would be a gap nobody asked for.
 * While the broker is away the poll thread waits here, so no further API calls are spent on data
 * that cannot be delivered.
 */
public final class EnvelopePublisher {

  private static final Logger log = LoggerFactory.getLogger(EnvelopePublisher.class);

  /** Keys longer than this are replaced by a stable hash of the id list. */
  static final int MAX_READABLE_KEY = 200;

  private final KafkaTemplate<String, String> kafka;
  private final JsonMapper json;
  private final SourceKind source;
  private final boolean simulated;
  private final String pricesTopic;
  private final String marketsTopic;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final Duration ackTimeout;
  private final ProducerMetrics metrics;
  private final TopicCheck topics;

  public EnvelopePublisher(
      KafkaTemplate<String, String> kafka,
      JsonMapper json,
      SourceKind source,
      boolean simulated,
      String pricesTopic,
      String marketsTopic,
      Backoff backoff,
      Sleeper sleeper,
      Duration ackTimeout,
      ProducerMetrics metrics,
      TopicCheck topics) {
    this.kafka = kafka;
    this.json = json;
    this.source = source;
    this.simulated = simulated;
    this.pricesTopic = pricesTopic;
    this.marketsTopic = marketsTopic;
    this.backoff = backoff;
    this.sleeper = sleeper;
    this.ackTimeout = ackTimeout;
    this.metrics = metrics;
    this.topics = topics;
  }

  /**
   * Publishes one response; returns once Kafka has acknowledged it, or once Kafka has refused it
   * for a reason no retry can change (counted as dropped and logged with the reason, so the poll
   * thread moves on instead of freezing on it).
   */
  public void publish(ApiRequest request, Response response) throws InterruptedException {
    ApiEnvelope envelope = envelopeOf(request, response);
    ProducerRecord<String, String> record =
        new ProducerRecord<>(
            topicOf(request.endpoint()),
            MessageKeys.keyOf(request),
            json.writeValueAsString(envelope));
    addHeaders(record, envelope, response.contentType());
    for (int attempt = 1; ; attempt++) {
      Throwable failure = sendAndAwaitOutcome(record);
      if (failure == null) {
        metrics.countPublished(record.topic());
        return;
      }
      String missingTopic = null;
      if (PublishFailures.isMetadataTimeout(failure) && topics.isMissing(record.topic())) {
        missingTopic = "unknown-topic";
        failure =
            new IllegalStateException(
                "topic " + record.topic() + " does not exist on the broker: " + failure, failure);
      }
      if (missingTopic != null || !PublishFailures.isRetriable(failure)) {
        metrics.countPublishDropped(
            record.topic(),
            missingTopic != null ? missingTopic : PublishFailures.reasonOf(failure));
        log.error(
            "Kafka refused a {} response for good (key {}, {} bytes): {}; dropping it",
            request.endpoint().path(),
            record.key(),
            record.value().length(),
            failure.toString());
        return;
      }
      metrics.countPublishFailure(record.topic());
      Duration wait = backoff.delay(attempt);
      log.warn(
          "Publishing to {} failed (attempt {}): {}; sending it again in {} ms",
          record.topic(),
          attempt,
          failure.toString(),
          wait.toMillis());
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException stopping) {
        log.error(
            "Stopping with one {} response not acknowledged by Kafka (key {})",
            request.endpoint().path(),
            record.key());
        throw stopping;
      }
    }
  }

  /**
   * Sends the record once and waits for that send's own outcome: null when acknowledged, else why
   * it failed. The client retries internally until {@code delivery.timeout.ms}; sending again
   * before that send has failed would queue a second copy, and both would land when the broker
   * returns (idempotence only removes duplicates of one send).
   */
  private Throwable sendAndAwaitOutcome(ProducerRecord<String, String> record)
      throws InterruptedException {
    CompletableFuture<?> sent;
    try {
      sent = kafka.send(record);
    } catch (RuntimeException refused) {
      return PublishFailures.rootOf(refused);
    }
    while (true) {
      try {
        sent.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return null;
      } catch (ExecutionException e) {
        return PublishFailures.rootOf(e.getCause());
      } catch (TimeoutException stillPending) {
        metrics.countSlowAck(record.topic());
        log.warn(
            "No answer from Kafka for {} after {} ms (key {}); waiting for this send's outcome",
            record.topic(),
            ackTimeout.toMillis(),
            record.key());
      }
    }
  }

  ApiEnvelope envelopeOf(ApiRequest request, Response response) {
    return new ApiEnvelope(
        ApiEnvelope.CURRENT_VERSION,
        source.wireName(),
        ApiEnvelope.SOURCE_SYSTEM_COINGECKO_V3,
        request.endpoint().path(),
        request.ids(),
        response.status(),
        // Milliseconds: readers (Spark's timestamp cast) take at most microseconds.
        response.fetchedAt().truncatedTo(ChronoUnit.MILLIS).toString(),
        simulated,
        response.body());
  }

  private String topicOf(Endpoint endpoint) {
    return endpoint == Endpoint.COINS_MARKETS ? marketsTopic : pricesTopic;
  }

  private static void addHeaders(
      ProducerRecord<String, String> record, ApiEnvelope envelope, String contentType) {
    header(record, EnvelopeHeaders.ENVELOPE_VERSION, String.valueOf(envelope.envelopeVersion()));
    header(record, EnvelopeHeaders.SOURCE, envelope.source());
    header(record, EnvelopeHeaders.ENDPOINT, envelope.endpoint());
    header(record, EnvelopeHeaders.HTTP_STATUS, String.valueOf(envelope.httpStatus()));
    header(record, EnvelopeHeaders.CONTENT_TYPE, contentType);
  }

  private static void header(ProducerRecord<String, String> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
