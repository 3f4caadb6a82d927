package io.cryptolakehouse.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Fills a topic with generated producer records as fast as the broker takes them, with the producer
 * service's own settings (acks=all, idempotence, zstd), so the topic Bronze then reads looks like
 * one the producer wrote.
 */
final class TopicLoad {

  /** What was loaded: records, their value bytes, and how long the load took. */
  record Loaded(long records, long valueBytes, Duration took) {
    double recordsPerSecond() {
      return records / Math.max(1e-3, took.toMillis() / 1000.0);
    }
  }

  private TopicLoad() {}

  static void createTopic(String bootstrap, String topic, int partitions) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
          .all()
          .get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot create topic " + topic + ": " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Loaded load(String bootstrap, String topic, PriceMessages messages, long count) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            "zstd",
            ProducerConfig.LINGER_MS_CONFIG,
            20,
            ProducerConfig.BATCH_SIZE_CONFIG,
            512 * 1024,
            ProducerConfig.BUFFER_MEMORY_CONFIG,
            128L * 1024 * 1024);
    AtomicReference<Exception> failure = new AtomicReference<>();
    long bytes = 0;
    long started = System.nanoTime();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      for (long i = 0; i < count && failure.get() == null; i++) {
        String value = messages.value(i);
        bytes += value.length();
        if (i == 0) {
          // The topic is new: once the first record is acknowledged the broker knows this
          // producer, so a retried early batch is not refused for good after later ones landed
          // (KAFKA-14359, which a fresh partition's first request can trigger).
          awaitSent(producer.send(new ProducerRecord<>(topic, messages.key(), value)), topic);
          continue;
        }
        producer.send(
            new ProducerRecord<>(topic, messages.key(), value),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("Loading " + topic + " failed", failure.get());
    }
    return new Loaded(count, bytes, Duration.ofNanos(System.nanoTime() - started));
  }

  private static void awaitSent(Future<RecordMetadata> sent, String topic) {
    try {
      sent.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Loading " + topic + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
