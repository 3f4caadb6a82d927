package io.cryptolakehouse.dashboard;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The dashboard's whole configuration, validated when the application starts. Every key has an
 * environment variable (see {@code application.yml}); error messages name both.
 */
@ConfigurationProperties("crypto")
public record DashboardProperties(Lakehouse lakehouse, Topics topics, Dashboard dashboard) {

  public DashboardProperties {
    require(lakehouse != null && topics != null && dashboard != null, "crypto.*", "", "is missing");
  }

  /** Where the tables are: the metastore that names them and the S3 server that stores them. */
  public record Lakehouse(
      String metastoreUri,
      String s3Endpoint,
      String s3Region,
      String s3AccessKey,
      String s3SecretKey,
      boolean s3PathStyle) {
    public Lakehouse {
      require(
          metastoreUri != null && metastoreUri.startsWith("thrift://"),
          "crypto.lakehouse.metastore-uri",
          "HIVE_METASTORE_URI",
          "must be thrift://host:port, was '" + metastoreUri + "'");
      require(
          s3AccessKey != null && !s3AccessKey.isBlank(),
          "crypto.lakehouse.s3-access-key",
          "AWS_ACCESS_KEY_ID",
          "is empty");
      require(
          s3SecretKey != null && !s3SecretKey.isBlank(),
          "crypto.lakehouse.s3-secret-key",
          "AWS_SECRET_ACCESS_KEY",
          "is empty");
      require(
          s3Region != null && !s3Region.isBlank(), "crypto.lakehouse.s3-region", "", "is empty");
    }

    /** Keys never reach logs or error pages. */
    @Override
    public String toString() {
      return "Lakehouse[metastoreUri=" + metastoreUri + ", s3Endpoint=" + s3Endpoint + "]";
    }
  }

  /** The topics the live feed follows. */
  public record Topics(String bootstrapServers, String alerts, String prices) {
    public Topics {
      require(
          bootstrapServers != null && !bootstrapServers.isBlank(),
          "crypto.topics.bootstrap-servers",
          "KAFKA_BOOTSTRAP_SERVERS",
          "is empty");
      require(alerts != null && !alerts.isBlank(), "crypto.topics.alerts", "", "is empty");
      require(
          prices != null && !prices.isBlank(), "crypto.topics.prices", "KAFKA_TOPIC", "is empty");
    }
  }

  /** How long a table read is reused: many browsers must not mean many table scans. */
  public record Dashboard(Duration cacheTtl, int maxCandleDays) {
    public Dashboard {
      require(
          cacheTtl != null
              && !cacheTtl.isNegative()
              && cacheTtl.compareTo(Duration.ofMinutes(10)) <= 0,
          "crypto.dashboard.cache-ttl",
          "DASHBOARD_CACHE_TTL",
          "must be 0s..10m");
      require(
          maxCandleDays >= 1 && maxCandleDays <= 3660,
          "crypto.dashboard.max-candle-days",
          "DASHBOARD_MAX_CANDLE_DAYS",
          "must be 1..3660");
    }
  }

  static void require(boolean ok, String key, String env, String problem) {
    if (!ok) {
      String where = env.isEmpty() ? key : key + " (" + env + ")";
      throw new IllegalArgumentException("Invalid configuration: " + where + " " + problem);
    }
  }
}
