package io.cryptolakehouse.dashboard.live;

import io.cryptolakehouse.dashboard.DashboardProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Follows the alerts and prices topics from their end (no consumer group: every dashboard instance
 * sees every message) and multicasts them to the browsers' event streams. A broker that is down or
 * a topic not created yet is retried with backoff; the page says the feed is disconnected.
 */
@Component
public class LiveFeed implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration TOPIC_RECHECK = Duration.ofSeconds(10);

  private final DashboardProperties.Topics topics;
  private final Sinks.Many<ServerSentEvent<Object>> sink =
      Sinks.many().multicast().directBestEffort();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicLong rejected = new AtomicLong();
  private volatile boolean connected;
  private volatile Instant lastMessageAt;
  private volatile KafkaConsumer<String, String> consumer;
  private final Set<String> seenTopics = new HashSet<>();
  private boolean checkedOnce;
  private Thread thread;

  LiveFeed(DashboardProperties properties) {
    this.topics = properties.topics();
  }

  /** Alerts and prices as they arrive, and a comment every 15 s so proxies keep the stream. */
  public Flux<ServerSentEvent<Object>> events() {
    Flux<ServerSentEvent<Object>> heartbeat =
        Flux.interval(Duration.ofSeconds(15))
            .map(i -> ServerSentEvent.builder().comment("heartbeat").build());
    return Flux.merge(sink.asFlux(), heartbeat);
  }

  public Map<String, Object> status() {
    return Map.of(
        "connected",
        connected,
        "last_message_at",
        lastMessageAt == null ? "" : lastMessageAt.toString(),
        "rejected_messages",
        rejected.get());
  }

  @Override
  public void start() {
    thread = new Thread(this::run, "live-feed");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() {
    stopped.countDown();
    KafkaConsumer<String, String> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  @Override
  public boolean isRunning() {
    return thread != null && thread.isAlive() && stopped.getCount() > 0;
  }

  private void run() {
    Duration backoff = Duration.ofSeconds(1);
    while (stopped.getCount() > 0) {
      try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerProperties())) {
        consumer = c;
        follow(c);
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        connected = false;
        log.warn("Live feed: {}; retrying in {}", e.toString(), backoff);
        if (awaitStop(backoff)) {
          return;
        }
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      }
    }
  }

  private void follow(KafkaConsumer<String, String> c) {
    Set<String> following = new HashSet<>();
    Instant nextTopicCheck = Instant.MIN;
    while (stopped.getCount() > 0) {
      if (following.size() < 2 && !Instant.now().isBefore(nextTopicCheck)) {
        followNewTopics(c, following);
        nextTopicCheck = Instant.now().plus(TOPIC_RECHECK);
      }
      connected = !following.isEmpty();
      if (following.isEmpty()) {
        if (awaitStop(TOPIC_RECHECK)) {
          return;
        }
        continue;
      }
      for (ConsumerRecord<String, String> record : c.poll(Duration.ofSeconds(1))) {
        lastMessageAt = Instant.ofEpochMilli(record.timestamp());
        publish(record);
      }
      // poll() does not fail while the broker is away; the client's open connections tell.
      connected = brokerConnections(c) > 0;
    }
  }

  /**
   * Adds the topics that exist now. Those that existed at the first check (or before a reconnect)
   * are followed from their end — the page loads history from the tables; a topic created later (no
   * alert had ever fired) from its beginning, which holds only what was published since.
   */
  private void followNewTopics(KafkaConsumer<String, String> c, Set<String> following) {
    List<TopicPartition> fromEnd = new ArrayList<>();
    List<TopicPartition> fromBeginning = new ArrayList<>();
    // One metadata request for all topics: partitionsFor() on a topic that does not exist may
    // wait its whole timeout, and the alerts would wait with it.
    Map<String, List<PartitionInfo>> existing = c.listTopics(Duration.ofSeconds(10));
    for (String topic : List.of(topics.alerts(), topics.prices())) {
      if (following.contains(topic)) {
        continue;
      }
      List<PartitionInfo> infos = existing.get(topic);
      if (infos != null && !infos.isEmpty()) {
        boolean known = !checkedOnce || seenTopics.contains(topic);
        infos.forEach(
            p -> (known ? fromEnd : fromBeginning).add(new TopicPartition(topic, p.partition())));
        following.add(topic);
        seenTopics.add(topic);
      }
    }
    checkedOnce = true;
    List<TopicPartition> added = new ArrayList<>(fromEnd);
    added.addAll(fromBeginning);
    if (added.isEmpty()) {
      if (following.isEmpty()) {
        log.info("Live feed: neither {} nor {} exists yet", topics.alerts(), topics.prices());
      }
      return;
    }
    List<TopicPartition> all = new ArrayList<>(c.assignment());
    all.addAll(added);
    c.assign(all);
    c.seekToEnd(fromEnd);
    c.seekToBeginning(fromBeginning);
    added.forEach(c::position); // resolve the seek now, so nothing published later is skipped
    log.info("Live feed following {}", following);
  }

  private static double brokerConnections(KafkaConsumer<String, String> c) {
    return c.metrics().entrySet().stream()
        .filter(m -> m.getKey().name().equals("connection-count"))
        .filter(m -> m.getKey().group().equals("consumer-metrics"))
        .mapToDouble(m -> ((Number) m.getValue().metricValue()).doubleValue())
        .sum();
  }

  private void publish(ConsumerRecord<String, String> record) {
    try {
      if (record.topic().equals(topics.alerts())) {
        var alert = LiveMessages.alert(record.value());
        sink.tryEmitNext(
            ServerSentEvent.<Object>builder(alert).event("alert").id(alert.alertId()).build());
      } else {
        for (PriceTick tick : LiveMessages.prices(record.value())) {
          sink.tryEmitNext(ServerSentEvent.<Object>builder(tick).event("price").build());
        }
      }
    } catch (IllegalArgumentException e) {
      rejected.incrementAndGet();
      log.warn(
          "Live feed skipped {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  private Properties consumerProperties() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "crypto-dashboard");
    // Topics belong to their writers (the producer, the Gold job): never create one here.
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    return p;
  }

  private boolean awaitStop(Duration wait) {
    try {
      return stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
