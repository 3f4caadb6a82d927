package io.cryptolakehouse.producer.publish;

import io.cryptolakehouse.model.envelope.ApiEnvelope;
import io.cryptolakehouse.model.envelope.EnvelopeHeaders;
import io.cryptolakehouse.model.envelope.SourceKind;
import io.cryptolakehouse.producer.ProducerMetrics;
import io.cryptolakehouse.producer.poll.Backoff;
import io.cryptolakehouse.producer.poll.Sleeper;
import io.cryptolakehouse.producer.source.ApiRequest;
import io.cryptolakehouse.producer.source.ApiRequest.Endpoint;
import io.cryptolakehouse.producer.source.FetchOutcome.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
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
 * A failed publish is retried with backoff until it succeeds or the producer stops: the response is
 * already fetched, and losing it would be a gap nobody asked for. While the broker is away the poll
 * thread waits here, so no further API calls are spent on data that cannot be delivered.
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
      ProducerMetrics metrics) {
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
  }

  /** Publishes one response; returns once Kafka has acknowledged it. */
  public void publish(ApiRequest request, Response response) throws InterruptedException {
    ApiEnvelope envelope = envelopeOf(request, response);
    ProducerRecord<String, String> record =
        new ProducerRecord<>(
            topicOf(request.endpoint()),
            MessageKeys.keyOf(request),
            json.writeValueAsString(envelope));
    addHeaders(record, envelope, response.contentType());
    for (int attempt = 1; ; attempt++) {
      try {
        kafka.send(record).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        metrics.countPublished(record.topic());
        return;
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        metrics.countPublishFailure(record.topic());
        Duration wait = backoff.delay(attempt);
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        log.warn(
            "Publishing to {} failed (attempt {}): {}; retrying in {} ms",
            record.topic(),
            attempt,
            cause.toString(),
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
