package io.cryptolakehouse.producer;

import io.cryptolakehouse.model.envelope.SourceKind;
import io.cryptolakehouse.producer.coingecko.ApiPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The producer's whole configuration, validated when the application starts. Every key has an
 * environment variable (see {@code application.yml}); error messages name both, so a typo fails
 * fast and says where to look.
 */
@ConfigurationProperties("crypto")
public record ProducerProperties(
    Topics topics, CoinGecko coingecko, Poll poll, Retry retry, Source source) {

  public ProducerProperties {
    require(topics != null && coingecko != null && poll != null, "crypto.*", "", "is missing");
    require(retry != null && source != null, "crypto.*", "", "is missing");
  }

  /** Topic names and how they are created at startup. */
  public record Topics(String prices, String markets, int partitions, short replicationFactor) {
    public Topics {
      require(
          prices != null && !prices.isBlank(), "crypto.topics.prices", "KAFKA_TOPIC", "is empty");
      require(markets != null && !markets.isBlank(), "crypto.topics.markets", "", "is empty");
      require(
          partitions >= 1, "crypto.topics.partitions", "KAFKA_TOPIC_PARTITIONS", "must be >= 1");
      require(
          replicationFactor >= 1,
          "crypto.topics.replication-factor",
          "KAFKA_TOPIC_REPLICATION_FACTOR",
          "must be >= 1");
    }
  }

  /** Where and how CoinGecko is called. */
  public record CoinGecko(
      String apiUrl,
      String apiKey,
      String apiPlan,
      String ids,
      int maxIdsPerCall,
      Duration timeout,
      int maxResponseBytes,
      Long monthlyCredits) {
    public CoinGecko {
      ApiPlan plan = parsePlan(apiPlan);
      require(!idList(ids).isEmpty(), "crypto.coingecko.ids", "CRYPTO_IDS", "lists no coin id");
      require(
          maxIdsPerCall >= 1 && maxIdsPerCall <= 500,
          "crypto.coingecko.max-ids-per-call",
          "",
          "must be 1..500");
      require(
          timeout != null && !timeout.isNegative() && !timeout.isZero(),
          "crypto.coingecko.timeout",
          "COINGECKO_TIMEOUT",
          "must be > 0");
      require(
          maxResponseBytes >= 1024, "crypto.coingecko.max-response-bytes", "", "must be >= 1024");
      require(
          monthlyCredits == null || monthlyCredits >= 0,
          "crypto.coingecko.monthly-credits",
          "COINGECKO_MONTHLY_CREDITS",
          "must be >= 0 (0: no monthly allowance), was " + monthlyCredits);
      boolean hasKey = apiKey != null && !apiKey.isBlank();
      require(
          hasKey || !plan.needsKey(),
          "crypto.coingecko.api-key",
          "COINGECKO_API_KEY",
          "is required for COINGECKO_API_PLAN=" + apiPlan);
      require(
          !hasKey || plan.needsKey(),
          "crypto.coingecko.api-plan",
          "COINGECKO_API_PLAN",
          "is 'public' but COINGECKO_API_KEY is set: choose 'demo' or 'pro'");
    }

    public ApiPlan plan() {
      return parsePlan(apiPlan);
    }

    /** The monthly credit allowance: the setting, else the plan's (0: none to pace against). */
    public long monthlyCreditAllowance() {
      return monthlyCredits != null ? monthlyCredits : plan().defaultMonthlyCredits();
    }

    public boolean hasKey() {
      return apiKey != null && !apiKey.isBlank();
    }

    /** The key never reaches a log line, an actuator page or an exception message. */
    @Override
    public String toString() {
      return ("CoinGecko[apiUrl=%s, apiKey=%s, apiPlan=%s, ids=%s, maxIdsPerCall=%d, timeout=%s,"
              + " maxResponseBytes=%d, monthlyCredits=%s]")
          .formatted(
              apiUrl,
              hasKey() ? "(set)" : "(none)",
              apiPlan,
              ids,
              maxIdsPerCall,
              timeout,
              maxResponseBytes,
              monthlyCredits);
    }

    /** The configured URL, or the plan's host when none is configured. */
    public String baseUrl() {
      return apiUrl == null || apiUrl.isBlank() ? plan().defaultBaseUrl() : apiUrl.strip();
    }

    public List<String> idList() {
      return idList(ids);
    }

    private static List<String> idList(String ids) {
      if (ids == null) {
        return List.of();
      }
      return Arrays.stream(ids.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static ApiPlan parsePlan(String value) {
      try {
        return ApiPlan.fromConfig(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "crypto.coingecko.api-plan (COINGECKO_API_PLAN): " + e.getMessage());
      }
    }
  }

  /** How often each endpoint is polled, and the calls-per-minute budget shared by both. */
  public record Poll(
      boolean enabled, long intervalSeconds, long marketsIntervalSeconds, int callsPerMinute) {
    public Poll {
      require(
          intervalSeconds >= 1 && intervalSeconds <= 86_400,
          "crypto.poll.interval-seconds",
          "API_INTERVAL_SECONDS",
          "must be between 1 and 86400, was " + intervalSeconds);
      require(
          marketsIntervalSeconds >= 0 && marketsIntervalSeconds <= 86_400,
          "crypto.poll.markets-interval-seconds",
          "MARKETS_INTERVAL_SECONDS",
          "must be between 0 (off) and 86400, was " + marketsIntervalSeconds);
      require(
          callsPerMinute >= 1,
          "crypto.poll.calls-per-minute",
          "COINGECKO_CALLS_PER_MINUTE",
          "must be >= 1, was " + callsPerMinute);
    }

    public Duration interval() {
      return Duration.ofSeconds(intervalSeconds);
    }
  }

  /** Backoff for failed API calls and failed Kafka publishes. */
  public record Retry(Duration initialBackoff, Duration maxBackoff, int maxAttemptsPerCall) {
    public Retry {
      require(
          initialBackoff != null && !initialBackoff.isNegative() && !initialBackoff.isZero(),
          "crypto.retry.initial-backoff",
          "",
          "must be > 0");
      require(
          maxBackoff != null && maxBackoff.compareTo(initialBackoff) >= 0,
          "crypto.retry.max-backoff",
          "",
          "must be >= initial-backoff");
      require(maxAttemptsPerCall >= 1, "crypto.retry.max-attempts-per-call", "", "must be >= 1");
    }
  }

  /** Which source feeds the producer: live CoinGecko (default), simulated or a replay file. */
  public record Source(String type, long seed, String replayFile, boolean replayLoop) {
    public Source {
      SourceKind parsed = parseKind(type);
      require(
          parsed != SourceKind.BACKFILL,
          "crypto.source.type",
          "PRODUCER_SOURCE",
          "cannot be backfill");
      if (parsed == SourceKind.REPLAY) {
        require(
            replayFile != null
                && !replayFile.isBlank()
                && Files.isRegularFile(Path.of(replayFile))
                && Files.isReadable(Path.of(replayFile)),
            "crypto.source.replay-file",
            "REPLAY_FILE",
            "must name a readable file when the source is replay, was '" + replayFile + "'");
      }
    }

    public SourceKind kind() {
      return parseKind(type);
    }

    private static SourceKind parseKind(String type) {
      try {
        return SourceKind.fromWireName(type);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "crypto.source.type (PRODUCER_SOURCE): " + e.getMessage());
      }
    }
  }

  private static void require(boolean ok, String key, String env, String problem) {
    if (!ok) {
      String where = env.isEmpty() ? key : key + " (" + env + ")";
      throw new IllegalArgumentException(where + " " + problem);
    }
  }
}
