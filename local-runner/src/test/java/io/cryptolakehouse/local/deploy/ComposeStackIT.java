package io.cryptolakehouse.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cryptolakehouse.spark.LakehouseConfig;
import io.cryptolakehouse.spark.SparkSessions;
import java.io.File;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The Compose stack end to end, where a Docker engine exists: the standalone profile with the
 * simulated source, every service healthy, then Gold's hourly table fills. Skipped (with the reason
 * in the report) where Docker is absent, as on our build machines. Needs the job jars: {@code
 * ./mvnw verify} builds them before integration tests run.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackIT {

  private static final Logger log = LoggerFactory.getLogger(ComposeStackIT.class);
  private static final String NETWORK = "crypto-lakehouse-it";

  @Test
  void goldFillsEndToEnd() {
    String accessKey = "it-" + secret(4);
    String secretKey = secret(20);
    var docker = DockerClientFactory.instance().client();
    if (docker.listNetworksCmd().withNameFilter(NETWORK).exec().isEmpty()) {
      docker.createNetworkCmd().withName(NETWORK).exec();
    }
    File compose = Path.of("..", "docker-compose.yml").toAbsolutePath().normalize().toFile();
    try (ComposeContainer stack =
        new ComposeContainer(compose)
            .withOptions("--profile standalone")
            .withEnv(
                Map.of(
                    "AWS_ACCESS_KEY_ID",
                    accessKey,
                    "AWS_SECRET_ACCESS_KEY",
                    secretKey,
                    "METASTORE_DB_PASSWORD",
                    secret(12),
                    "JUPYTER_TOKEN",
                    secret(12),
                    "LAKEHOUSE_NETWORK",
                    NETWORK,
                    "PRODUCER_SOURCE",
                    "simulated",
                    "API_INTERVAL_SECONDS",
                    "5",
                    "SPARK_TRIGGER",
                    "10 seconds"))
            .withBuild(true)
            .waitingFor("gold", Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(10)))
            .waitingFor("hive-metastore", Wait.forHealthcheck())) {
      stack.start();
      log.info("Compose stack healthy; waiting for Gold");
      LakehouseConfig lakehouse =
          new LakehouseConfig(
              "lakehouse",
              "thrift://localhost:9083",
              "s3a://warehouse/",
              "http://localhost:9000",
              "us-east-1",
              true,
              accessKey,
              secretKey);
      SparkSession spark =
          SparkSessions.lakehouseSession(
              "compose-it",
              lakehouse,
              Map.of("spark.master", "local[2]", "spark.ui.enabled", "false"));
      try {
        await()
            .atMost(Duration.ofMinutes(5))
            .pollInterval(Duration.ofSeconds(10))
            .ignoreExceptions()
            .until(
                () ->
                    spark.sql("SELECT count(*) FROM gold.fact_crypto_hourly").first().getLong(0)
                        > 0);
        assertThat(spark.sql("SELECT count(*) FROM bronze.crypto_ticks_raw").first().getLong(0))
            .isPositive();
      } finally {
        spark.stop();
      }
    }
  }

  private static String secret(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
