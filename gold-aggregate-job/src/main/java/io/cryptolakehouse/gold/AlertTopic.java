package io.cryptolakehouse.gold;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The alerts topic as the outbox sees it: sends (acknowledged by all replicas), its end offsets as
 * text ({@code partition:offset,...}), and the keys written after such offsets. Short timeouts: a
 * broker that is away fails the attempt quickly instead of holding Gold's batch.
 */
final class AlertTopic implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final String topic;
  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> consumer;
  private final List<Future<RecordMetadata>> sent = new ArrayList<>();

  AlertTopic(String bootstrapServers, String topic) {
    this.topic = topic;
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 3);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
  }

  /** The keys written to the topic after {@code offsets} (none when nothing was recorded). */
  Set<String> keysAfter(String offsets) {
    Set<String> keys = new HashSet<>();
    if (offsets == null || offsets.isBlank()) {
      return keys;
    }
    Map<TopicPartition, Long> from = parse(offsets);
    Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet(), TIMEOUT);
    consumer.assign(from.keySet());
    from.forEach(consumer::seek);
    while (from.keySet().stream().anyMatch(tp -> consumer.position(tp, TIMEOUT) < end.get(tp))) {
      for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
        keys.add(r.key());
      }
    }
    return keys;
  }

  void send(String key, String value) {
    sent.add(producer.send(new ProducerRecord<>(topic, key, value)));
  }

  /** Waits until every send is acknowledged; throws if one failed. */
  void flush() {
    producer.flush();
    for (Future<RecordMetadata> f : sent) {
      try {
        f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted publishing alerts", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("An alert was not acknowledged by Kafka", e);
      }
    }
  }

  String endOffsets() {
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, TIMEOUT).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    return consumer.endOffsets(partitions, TIMEOUT).entrySet().stream()
        .map(e -> e.getKey().partition() + ":" + e.getValue())
        .collect(Collectors.joining(","));
  }

  private Map<TopicPartition, Long> parse(String offsets) {
    Map<TopicPartition, Long> parsed = new HashMap<>();
    for (String entry : offsets.split(",")) {
      String[] pair = entry.split(":");
      parsed.put(new TopicPartition(topic, Integer.parseInt(pair[0])), Long.parseLong(pair[1]));
    }
    return parsed;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    consumer.close(Duration.ofSeconds(5));
  }
}
