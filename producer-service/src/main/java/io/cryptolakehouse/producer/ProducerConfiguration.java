package io.cryptolakehouse.producer;

import io.cryptolakehouse.model.envelope.SourceKind;
import io.cryptolakehouse.producer.backfill.BackfillProperties;
import io.cryptolakehouse.producer.backfill.BackfillRunner;
import io.cryptolakehouse.producer.coingecko.CoinGeckoSource;
import io.cryptolakehouse.producer.health.KafkaHealthIndicator;
import io.cryptolakehouse.producer.health.PollHealthIndicator;
import io.cryptolakehouse.producer.metrics.ProducerMetrics;
import io.cryptolakehouse.producer.poll.CallBudget;
import io.cryptolakehouse.producer.poll.PollScheduler;
import io.cryptolakehouse.producer.poll.PollStatus;
import io.cryptolakehouse.producer.poll.Poller;
import io.cryptolakehouse.producer.poll.RetryingFetcher;
import io.cryptolakehouse.producer.publish.EnvelopePublisher;
import io.cryptolakehouse.producer.publish.TopicCheck;
import io.cryptolakehouse.producer.quota.KeyUsageReader;
import io.cryptolakehouse.producer.quota.MonthlyCredits;
import io.cryptolakehouse.producer.quota.QuotaPacer;
import io.cryptolakehouse.producer.retry.Backoff;
import io.cryptolakehouse.producer.retry.Sleeper;
import io.cryptolakehouse.producer.source.ApiRequest.Endpoint;
import io.cryptolakehouse.producer.source.ReplaySource;
import io.cryptolakehouse.producer.source.ResponseSource;
import io.cryptolakehouse.producer.source.SimulatedSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/** Wires the producer from its validated {@link ProducerProperties}. */
@Configuration(proxyBeanMethods = false)
class ProducerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ProducerConfiguration.class);

  /** A poll is "stale" after this many missed intervals (with a floor for short intervals). */
  private static final int STALE_INTERVALS = 4;

  private static final Duration MIN_STALE = Duration.ofMinutes(2);
  private static final Duration KAFKA_ACK_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(3);

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  Sleeper sleeper() {
    return new Sleeper();
  }

  @Bean
  ProducerMetrics producerMetrics(MeterRegistry registry) {
    return new ProducerMetrics(registry);
  }

  @Bean
  ResponseSource responseSource(
      ProducerProperties props,
      BackfillProperties backfill,
      WebClient.Builder web,
      Clock clock,
      JsonMapper json) {
    ProducerProperties.CoinGecko api = props.coingecko();
    SourceKind kind = props.source().kind();
    if (backfill.enabled()) {
      // History comes from CoinGecko, or generated for offline demos (tagged simulated).
      kind = backfill.simulated() ? SourceKind.SIMULATED : SourceKind.COINGECKO;
    }
    ResponseSource source =
        switch (kind) {
          case COINGECKO ->
              new CoinGeckoSource(
                  CoinGeckoSource.buildClient(
                      web, api.baseUrl(), api.plan(), api.apiKey(), api.maxResponseBytes()),
                  api.timeout(),
                  clock);
          case SIMULATED -> new SimulatedSource(props.source().seed(), clock, json);
          case REPLAY ->
              new ReplaySource(
                  Path.of(props.source().replayFile()), props.source().replayLoop(), clock, json);
          case BACKFILL -> throw new IllegalStateException("backfill is not a polling source");
        };
    if (source.kind() == SourceKind.COINGECKO
        && api.hasKey()
        && api.baseUrl().startsWith("http:")) {
      log.warn(
          "COINGECKO_API_KEY will travel unencrypted to {}: use an https:// COINGECKO_API_URL",
          api.baseUrl());
    }
    log.info(
        "Source: {} ({}), plan {}, {} coin id(s)",
        source.kind().wireName(),
        source.kind() == io.cryptolakehouse.model.envelope.SourceKind.COINGECKO
            ? api.baseUrl()
            : "offline",
        api.plan().name().toLowerCase(java.util.Locale.ROOT),
        api.idList().size());
    return source;
  }

  @Bean
  Backoff backoff(ProducerProperties props) {
    return new Backoff(
        props.retry().initialBackoff(), props.retry().maxBackoff(), RandomGenerator.getDefault());
  }

  @Bean
  PollStatus pollStatus(Clock clock) {
    return new PollStatus(clock.instant());
  }

  @Bean
  EnvelopePublisher envelopePublisher(
      ProducerProperties props,
      ProducerFactory<String, String> producerFactory,
      KafkaTemplate<String, String> kafka,
      JsonMapper json,
      ResponseSource source,
      BackfillProperties backfill,
      Backoff backoff,
      Sleeper sleeper,
      ProducerMetrics metrics,
      TopicCheck topics) {
    EnvelopeLimits.requireRoomForTheEnvelope(
        props.coingecko().maxResponseBytes(), producerFactory.getConfigurationProperties());
    return new EnvelopePublisher(
        kafka,
        json,
        backfill.enabled() ? SourceKind.BACKFILL : source.kind(),
        source.kind().simulated(),
        props.topics().prices(),
        props.topics().markets(),
        backoff,
        sleeper,
        KAFKA_ACK_TIMEOUT,
        metrics,
        topics);
  }

  @Bean
  TopicCheck topicCheck(KafkaAdmin admin) {
    return new TopicCheck(admin.getConfigurationProperties(), HEALTH_TIMEOUT);
  }

  @Bean
  MonthlyCredits monthlyCredits(ProducerProperties props, ResponseSource source, Clock clock) {
    // Only CoinGecko's calls cost credits; simulated and replayed ones are free.
    return new MonthlyCredits(
        source.kind() == SourceKind.COINGECKO ? props.coingecko().monthlyCreditAllowance() : 0,
        clock);
  }

  @Bean
  CallBudget callBudget(
      ProducerProperties props,
      ResponseSource source,
      Clock clock,
      Sleeper sleeper,
      MonthlyCredits credits) {
    // The budget protects CoinGecko's rate limit; simulated and replayed calls cost nothing.
    boolean live = source.kind() == SourceKind.COINGECKO;
    return new CallBudget(
        live ? props.poll().callsPerMinute() : Integer.MAX_VALUE,
        clock,
        sleeper,
        live ? credits : null);
  }

  @Bean
  QuotaPacer quotaPacer(
      ProducerProperties props, MonthlyCredits credits, Clock clock, ProducerMetrics metrics) {
    Map<Endpoint, Duration> intervals = new EnumMap<>(Endpoint.class);
    Map<Endpoint, Integer> calls = new EnumMap<>(Endpoint.class);
    int ids = props.coingecko().idList().size();
    int perCall = props.coingecko().maxIdsPerCall();
    intervals.put(Endpoint.SIMPLE_PRICE, props.poll().interval());
    calls.put(Endpoint.SIMPLE_PRICE, Poller.callsPerPoll(Endpoint.SIMPLE_PRICE, ids, perCall));
    if (props.poll().marketsIntervalSeconds() > 0) {
      intervals.put(
          Endpoint.COINS_MARKETS, Duration.ofSeconds(props.poll().marketsIntervalSeconds()));
      calls.put(Endpoint.COINS_MARKETS, Poller.callsPerPoll(Endpoint.COINS_MARKETS, ids, perCall));
    }
    QuotaPacer pacer = new QuotaPacer(credits, clock, intervals, calls);
    metrics.gaugeCredits(credits, pacer);
    return pacer;
  }

  @Bean
  RetryingFetcher retryingFetcher(
      ProducerProperties props,
      ResponseSource source,
      Backoff backoff,
      Sleeper sleeper,
      Clock clock,
      ProducerMetrics metrics,
      CallBudget budget) {
    return new RetryingFetcher(
        source, budget, backoff, sleeper, clock, metrics, props.retry().maxAttemptsPerCall());
  }

  @Bean
  Poller poller(
      ProducerProperties props,
      RetryingFetcher fetcher,
      EnvelopePublisher publisher,
      PollStatus status,
      Clock clock) {
    return new Poller(
        props.coingecko().idList(),
        props.coingecko().maxIdsPerCall(),
        fetcher,
        publisher,
        status,
        clock);
  }

  @Bean
  @ConditionalOnProperty(name = "crypto.poll.enabled", havingValue = "true", matchIfMissing = true)
  PollScheduler pollScheduler(
      ProducerProperties props,
      Poller poller,
      Sleeper sleeper,
      QuotaPacer pacer,
      ResponseSource source,
      WebClient.Builder web,
      JsonMapper json,
      MonthlyCredits credits,
      CallBudget budget) {
    ProducerProperties.CoinGecko api = props.coingecko();
    KeyUsageReader usage =
        source.kind() == SourceKind.COINGECKO && api.plan().reportsUsage()
            ? new KeyUsageReader(
                CoinGeckoSource.buildClient(web, api.baseUrl(), api.plan(), api.apiKey(), 65_536),
                json,
                api.timeout(),
                credits,
                () -> acquire(budget))
            : null;
    return new PollScheduler(
        poller,
        sleeper,
        props.poll().interval(),
        Duration.ofSeconds(props.poll().marketsIntervalSeconds()),
        pacer,
        usage);
  }

  private static void acquire(CallBudget budget) {
    try {
      budget.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the call budget", e);
    }
  }

  @Bean
  @ConditionalOnProperty(name = "crypto.backfill.enabled", havingValue = "true")
  BackfillRunner backfillRunner(
      ProducerProperties props,
      BackfillProperties backfill,
      RetryingFetcher fetcher,
      EnvelopePublisher publisher,
      Clock clock) {
    return new BackfillRunner(
        backfill, props.coingecko().idList(), props.coingecko().plan(), fetcher, publisher, clock);
  }

  @Bean
  NewTopic pricesTopic(ProducerProperties props) {
    return new NewTopic(
        props.topics().prices(), props.topics().partitions(), props.topics().replicationFactor());
  }

  @Bean
  NewTopic marketsTopic(ProducerProperties props) {
    return new NewTopic(
        props.topics().markets(), props.topics().partitions(), props.topics().replicationFactor());
  }

  @Bean
  PollHealthIndicator pollHealthIndicator(
      ProducerProperties props,
      PollStatus status,
      Clock clock,
      QuotaPacer pacer,
      MonthlyCredits credits) {
    Duration stale = props.poll().interval().multipliedBy(STALE_INTERVALS);
    return new PollHealthIndicator(
        status, clock, stale.compareTo(MIN_STALE) < 0 ? MIN_STALE : stale, pacer, credits);
  }

  @Bean
  KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
    return new KafkaHealthIndicator(admin.getConfigurationProperties(), HEALTH_TIMEOUT);
  }
}
