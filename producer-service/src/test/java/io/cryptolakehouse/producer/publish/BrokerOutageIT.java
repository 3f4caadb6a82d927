package io.cryptolakehouse.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cryptolakehouse.embedded.KafkaKraftServer;
import io.cryptolakehouse.model.envelope.ApiEnvelope;
import io.cryptolakehouse.model.envelope.SourceKind;
import io.cryptolakehouse.producer.metrics.ProducerMetrics;
import io.cryptolakehouse.producer.retry.Backoff;
import io.cryptolakehouse.producer.retry.Sleeper;
import io.cryptolakehouse.producer.source.ApiRequest;
import io.cryptolakehouse.producer.source.ApiRequest.Endpoint;
import io.cryptolakehouse.producer.source.FetchOutcome.Response;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A broker outage loses nothing and duplicates nothing: a response fetched while the broker is down
 * is held until the broker is back, then published exactly once, after what was published before
 * the outage — whether the outage ends before the client's own delivery timeout or after it. A
 * record Kafka can never take is dropped with a reason instead of freezing the poll thread.
 */
class BrokerOutageIT {

  private static final String TOPIC = "crypto.prices.raw";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dataDir;

  private final List<TopicCheck> topicChecks = new ArrayList<>();

  @AfterEach
  void closeTopicChecks() {
    topicChecks.forEach(TopicCheck::close);
  }

  @Test
  void publishesAResponseFetchedDuringABrokerOutageOnceTheBrokerIsBack() throws Exception {
    // The outage outlasts delivery.timeout.ms: the send fails, and is then sent again.
    publishAcrossAnOutage(Duration.ofSeconds(5), 2_000, 1_000, 2);
  }

  @Test
  void aSendStillPendingWhenTheAcknowledgementWaitRunsOutIsNotSentTwice() throws Exception {
    // The outage outlasts several acknowledgement waits but not delivery.timeout.ms: the client
    // still holds the first copy, and a second send (which waits up to max.block.ms for the
    // broker's metadata, so it gets queued once the broker is back) would land next to it.
    publishAcrossAnOutage(Duration.ofMillis(500), 60_000, 60_000, 0);
  }

  @Test
  void aRecordKafkaCanNeverTakeIsCountedAndDroppedAndThePollMovesOn() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Sleeper sleeper = new Sleeper();
    try (KafkaKraftServer kafka = KafkaKraftServer.start(dataDir, 0)) {
      Map<String, Object> config = producerConfig(kafka.bootstrapServers(), 2_000, 1_000);
      config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4_096);
      DefaultKafkaProducerFactory<String, String> factory =
          new DefaultKafkaProducerFactory<>(config);
      EnvelopePublisher publisher = publisher(factory, registry, sleeper, Duration.ofSeconds(5));
      ApiRequest request = new ApiRequest(Endpoint.SIMPLE_PRICE, List.of("bitcoin"));

      publisher.publish(request, response("{\"bitcoin\":{\"usd\":\"" + "9".repeat(8_000) + "\"}}"));
      publisher.publish(request, response("{\"bitcoin\":{\"usd\":3}}"));

      assertThat(bodiesIn(kafka)).containsExactly("{\"bitcoin\":{\"usd\":3}}");
      assertThat(
              registry
                  .counter("producer.publish.dropped", "topic", TOPIC, "reason", "record-too-large")
                  .count())
          .isEqualTo(1);
      assertThat(registry.counter("producer.publish.failures", "topic", TOPIC).count()).isZero();
      factory.destroy();
    } finally {
      sleeper.stop();
    }
  }

  /**
   * A cluster that does not create topics on first use, and has no prices topic: Kafka reports only
   * a metadata timeout (retriable), but the broker says the topic does not exist, so the response
   * is dropped with that reason instead of the poll thread waiting forever; once the topic exists,
   * publishing works again.
   */
  @Test
  void aTopicTheClusterDoesNotHaveIsCountedAndDroppedAndThePollMovesOn() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Sleeper sleeper = new Sleeper();
    try (KafkaKraftServer kafka =
        KafkaKraftServer.start(dataDir, 0, Map.of("auto.create.topics.enable", "false"))) {
      Map<String, Object> config = producerConfig(kafka.bootstrapServers(), 2_000, 1_000);
      DefaultKafkaProducerFactory<String, String> factory =
          new DefaultKafkaProducerFactory<>(config);
      EnvelopePublisher publisher = publisher(factory, registry, sleeper, Duration.ofSeconds(5));
      ApiRequest request = new ApiRequest(Endpoint.SIMPLE_PRICE, List.of("bitcoin"));

      publisher.publish(request, response("{\"bitcoin\":{\"usd\":1}}"));
      try (Admin admin =
          Admin.create(
              Map.<String, Object>of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
      }
      publisher.publish(request, response("{\"bitcoin\":{\"usd\":2}}"));

      assertThat(bodiesIn(kafka)).containsExactly("{\"bitcoin\":{\"usd\":2}}");
      assertThat(
              registry
                  .counter("producer.publish.dropped", "topic", TOPIC, "reason", "unknown-topic")
                  .count())
          .isEqualTo(1);
      factory.destroy();
    } finally {
      sleeper.stop();
    }
  }

  /**
   * Publishes once, stops the broker, publishes again from another thread, and starts the broker
   * once that publish has seen {@code waits} failed or unanswered waits for Kafka (0: once it has
   * stayed blocked for six acknowledgement waits).
   */
  private void publishAcrossAnOutage(
      Duration ackWait, int deliveryTimeoutMs, int maxBlockMs, int waits) throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Sleeper sleeper = new Sleeper();
    try (KafkaKraftServer kafka = KafkaKraftServer.start(dataDir, 0)) {
      DefaultKafkaProducerFactory<String, String> factory =
          new DefaultKafkaProducerFactory<>(
              producerConfig(kafka.bootstrapServers(), deliveryTimeoutMs, maxBlockMs));
      EnvelopePublisher publisher = publisher(factory, registry, sleeper, ackWait);
      ApiRequest request = new ApiRequest(Endpoint.SIMPLE_PRICE, List.of("bitcoin"));
      publisher.publish(request, response("{\"bitcoin\":{\"usd\":1}}"));

      kafka.stop();
      CompletableFuture<Void> duringOutage =
          CompletableFuture.runAsync(
              () -> {
                try {
                  publisher.publish(request, response("{\"bitcoin\":{\"usd\":2}}"));
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      if (waits > 0) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    registry.counter("producer.publish.failures", "topic", TOPIC).count()
                            + registry.counter("producer.publish.slow-acks", "topic", TOPIC).count()
                        >= waits);
      } else {
        // The send may wait inside the client for the broker's metadata (max.block.ms) as well as
        // for its acknowledgement: the outage lasts several acknowledgement waits either way.
        await()
            .during(ackWait.multipliedBy(6))
            .atMost(ackWait.multipliedBy(20))
            .until(() -> !duringOutage.isDone());
      }
      assertThat(duringOutage).isNotDone();

      kafka.start();
      duringOutage.get(90, TimeUnit.SECONDS);

      assertThat(bodiesIn(kafka))
          .containsExactly("{\"bitcoin\":{\"usd\":1}}", "{\"bitcoin\":{\"usd\":2}}");
      assertThat(registry.counter("producer.published", "topic", TOPIC).count()).isEqualTo(2);
      factory.destroy();
    } finally {
      sleeper.stop();
    }
  }

  private EnvelopePublisher publisher(
      DefaultKafkaProducerFactory<String, String> factory,
      SimpleMeterRegistry registry,
      Sleeper sleeper,
      Duration ackWait) {
    return new EnvelopePublisher(
        new KafkaTemplate<>(factory),
        JSON,
        SourceKind.COINGECKO,
        false,
        TOPIC,
        "crypto.coin-markets.raw",
        new Backoff(Duration.ofMillis(100), Duration.ofMillis(500), new Random(1)),
        sleeper,
        ackWait,
        new ProducerMetrics(registry),
        topicCheck(factory));
  }

  private TopicCheck topicCheck(DefaultKafkaProducerFactory<String, String> factory) {
    TopicCheck check =
        new TopicCheck(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                factory.getConfigurationProperties().get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)),
            Duration.ofSeconds(2));
    topicChecks.add(check);
    return check;
  }

  private static List<String> bodiesIn(KafkaKraftServer kafka) {
    return readAll(kafka.bootstrapServers()).stream()
        .map(r -> JSON.readValue(r.value(), ApiEnvelope.class).body())
        .toList();
  }

  private static Response response(String body) {
    return new Response(200, body, "application/json", Instant.now());
  }

  private static Map<String, Object> producerConfig(
      String bootstrap, int deliveryTimeoutMs, int maxBlockMs) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs);
    config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
    return config;
  }

  /** Everything in the topic, read to its end offsets. */
  private static List<ConsumerRecord<String, String>> readAll(String bootstrap) {
    Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(TOPIC).stream()
              .map(p -> new TopicPartition(TOPIC, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }
}
