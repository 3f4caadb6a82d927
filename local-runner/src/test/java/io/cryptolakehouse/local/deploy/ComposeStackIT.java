package io.cryptolakehouse.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptolakehouse.local.support.Invariants;
import io.cryptolakehouse.local.support.KafkaOffsets;
import io.cryptolakehouse.model.Topics;
import io.cryptolakehouse.spark.LakehouseConfig;
import io.cryptolakehouse.spark.SparkSessions;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Compose stack on a real Docker engine, run as users run it: {@code ./setup.sh} on a copy of
 * the tree, our images built from their Dockerfiles, third-party images replaced by stand-ins built
 * from upstream artifacts (docker/stand-ins/; the compose file is unchanged, only its {@code
 * *_IMAGE} variables are set). Kafka UI and Jupyter cannot be stood in here and are left out with
 * {@code --without}. Standalone: every layer fills, a job killed mid-batch and restarted loses and
 * duplicates nothing, the dashboard answers from Gold. PART-A: setup.sh finds PART-A's network by
 * its containers and fills Gold on PART-A's metastore and MinIO.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeStackIT {

  private static final Logger log = LoggerFactory.getLogger(ComposeStackIT.class);
  private static final Path FIGURES = Path.of("target", "compose-it", "figures.txt");
  private static Map<String, String> images;

  @BeforeAll
  static void buildStandIns() throws Exception {
    DockerHost.require();
    DockerHost.requireTool(
        "debootstrap", "the stand-in images are built from a debootstrap'ed Debian");
    Files.createDirectories(FIGURES.getParent());
    Files.deleteIfExists(FIGURES);
    long start = System.nanoTime();
    images = StandIns.images(FIGURES.resolveSibling("stand-ins.log").toAbsolutePath());
    figure("stand-in images ready (s)", seconds(start));
  }

  @Test
  @Order(1)
  void standaloneFillsEveryLayerAndAKilledJobLosesAndDuplicatesNothing() throws Exception {
    Map<String, String> env = pipelineEnv();
    Map<String, Integer> ports = ports(env, true);
    env.put("LAKEHOUSE_NETWORK", "lakehouse-it");
    try (ComposeProject stack = new ComposeProject("lakehouse-it", env)) {
      long start = System.nanoTime();
      assertThat(stack.setup("--standalone", "--without", "kafka-ui,jupyter"))
          .as(() -> "./setup.sh; see " + stack.log + stack.failure())
          .isZero();
      figure("standalone: setup.sh to every service healthy (s)", seconds(start));
      assertThat(stack.setupOutput()).contains("crypto-lakehouse is up (standalone");
      Properties keys = stack.dotEnv();
      SparkSession spark = session(ports.get("METASTORE_PORT"), ports.get("MINIO_API_PORT"), keys);
      try {
        awaitGoldRows(spark, Duration.ofMinutes(6));
        figure("standalone: setup.sh to the first Gold hourly row (s)", seconds(start));

        killMidBatchAndRestart(stack, "silver", ports.get("SILVER_UI_PORT"));
        killMidBatchAndRestart(stack, "gold", ports.get("GOLD_UI_PORT"));
        ComposeProject.docker().stopContainerCmd(stack.container("producer")).exec();
        long produced = published(ports.get("KAFKA_HOST_PORT"));
        Invariants.Result result = drained(spark, produced, Duration.ofMinutes(8));
        figure("standalone: counts after kill/restart of silver and gold", result.counts());
        assertThat(result.violations()).as("invariants %s", result.counts()).isEmpty();
        assertThat(result.counts().get("silver_rows")).isPositive();

        assertDashboardCandlesAreGolds(spark, ports.get("DASHBOARD_PORT"), "bitcoin");
        assertDashboardKeyOnlyReads(stack, ports.get("MINIO_API_PORT"), keys);
      } finally {
        spark.stop();
      }
    } finally {
      DockerHost.run(List.of("docker", "network", "rm", "lakehouse-it"), Map.of(), null, 60);
    }
  }

  @Test
  @Order(2)
  void setupJoinsAPartAStackByItsContainersNetworkAndFillsGoldThere() throws Exception {
    Map<String, String> partA = new HashMap<>(images);
    partA.put("PART_A_ACCESS_KEY", "part-a-" + secret(4));
    partA.put("PART_A_SECRET_KEY", secret(20));
    partA.put("PART_A_DB_PASSWORD", secret(12));
    partA.put("PART_A_MINIO_PORT", String.valueOf(DockerHost.freePort()));
    partA.put("PART_A_METASTORE_PORT", String.valueOf(DockerHost.freePort()));
    partA.put("LAKEHOUSE_ROOT", DockerHost.ROOT.toString());
    partA.put("PATH", DockerHost.buildKitPath());
    partA.put("DOCKER_BUILDKIT", "1");
    partA.put("COMPOSE_DOCKER_CLI_BUILD", "1");
    Path partAFile =
        DockerHost.ROOT.resolve("local-runner/src/test/resources/part-a/docker-compose.yml");
    Path partALog = FIGURES.resolveSibling("part-a.log").toAbsolutePath();
    List<String> partACompose =
        List.of("docker-compose", "-p", "part-a", "-f", partAFile.toString());
    try {
      assertThat(DockerHost.run(concat(partACompose, "up", "-d", "--build"), partA, partALog, 900))
          .as("PART-A-shaped stack; see %s", partALog)
          .isZero();
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> "healthy".equals(health("hive-metastore")));

      Map<String, String> env = pipelineEnv();
      Map<String, Integer> ports = ports(env, false);
      try (ComposeProject stack = new ComposeProject("lakehouse-it-part-b", env)) {
        // As a PART-A user does: .env carries PART-A's MinIO keys; the network is found, not set.
        String example = Files.readString(stack.dir.resolve(".env.example"));
        Files.writeString(
            stack.dir.resolve(".env"),
            example
                .replaceFirst(
                    "(?m)^AWS_ACCESS_KEY_ID=$",
                    "AWS_ACCESS_KEY_ID=" + partA.get("PART_A_ACCESS_KEY"))
                .replaceFirst(
                    "(?m)^AWS_SECRET_ACCESS_KEY=$",
                    "AWS_SECRET_ACCESS_KEY=" + partA.get("PART_A_SECRET_KEY"))
                .replaceFirst(
                    "(?m)^METASTORE_DB_PASSWORD=$", "METASTORE_DB_PASSWORD=unused-" + secret(4))
                .replaceFirst("(?m)^JUPYTER_TOKEN=$", "JUPYTER_TOKEN=unused-" + secret(4)));
        // PART-A's notebook publishes 4040: setup.sh checks the ports .env sets, and names the key.
        try (ServerSocket taken =
            new ServerSocket(DockerHost.freePort(), 1, InetAddress.getLoopbackAddress())) {
          Map<String, String> original = new HashMap<>(stack.env);
          stack.env.put("BRONZE_UI_PORT", String.valueOf(taken.getLocalPort()));
          assertThat(stack.setup("--without", "kafka-ui,jupyter,dashboard,maintenance")).isOne();
          assertThat(stack.setupOutput())
              .contains(
                  "port "
                      + taken.getLocalPort()
                      + " is in use; free it or set another BRONZE_UI_PORT in .env");
          stack.env.clear();
          stack.env.putAll(original);
        }
        long start = System.nanoTime();
        assertThat(stack.setup("--without", "kafka-ui,jupyter,dashboard,maintenance"))
            .as(() -> "./setup.sh; see " + stack.log + stack.failure())
            .isZero();
        figure("part-a: setup.sh to every service healthy (s)", seconds(start));
        assertThat(stack.setupOutput())
            .contains("PART-A is running: joining its network 'part-a_dasnet'")
            .contains("crypto-lakehouse is up (part-a, network part-a_dasnet)");
        assertThat(stack.dotEnv().getProperty("S3_ENDPOINT")).isEqualTo("http://hive-minio:9000");
        Properties keys = new Properties();
        keys.setProperty("AWS_ACCESS_KEY_ID", partA.get("PART_A_ACCESS_KEY"));
        keys.setProperty("AWS_SECRET_ACCESS_KEY", partA.get("PART_A_SECRET_KEY"));
        SparkSession spark =
            session(
                Integer.parseInt(partA.get("PART_A_METASTORE_PORT")),
                Integer.parseInt(partA.get("PART_A_MINIO_PORT")),
                keys);
        try {
          awaitGoldRows(spark, Duration.ofMinutes(6));
          figure("part-a: setup.sh to the first Gold hourly row (s)", seconds(start));
          figure(
              "part-a: rows (bronze ticks, silver, gold hourly)",
              List.of(
                  count(spark, "bronze.crypto_ticks_raw"),
                  count(spark, "silver.crypto_prices_clean"),
                  count(spark, "gold.fact_crypto_hourly")));
        } finally {
          spark.stop();
        }
      }
    } finally {
      DockerHost.run(concat(partACompose, "down", "-v"), partA, partALog, 300);
    }
  }

  /** The producer's simulated source every 5 s and 10-second triggers: Gold fills in minutes. */
  private static Map<String, String> pipelineEnv() {
    Map<String, String> env = new HashMap<>(images);
    env.put("PRODUCER_SOURCE", "simulated");
    env.put("API_INTERVAL_SECONDS", "5");
    env.put("MARKETS_INTERVAL_SECONDS", "60");
    env.put("SPARK_TRIGGER", "10 seconds");
    return env;
  }

  /** Free host ports for everything the run publishes, so a user's own stack may be running. */
  private static Map<String, Integer> ports(Map<String, String> env, boolean standalone) {
    Map<String, Integer> ports = new TreeMap<>();
    List<String> names =
        List.of(
            "KAFKA_HOST_PORT",
            "KAFKA_UI_PORT",
            "PRODUCER_PORT",
            "DASHBOARD_PORT",
            "BRONZE_UI_PORT",
            "SILVER_UI_PORT",
            "GOLD_UI_PORT",
            "MAINTENANCE_UI_PORT",
            "MINIO_API_PORT",
            "MINIO_CONSOLE_PORT",
            "METASTORE_PORT",
            "JUPYTER_PORT");
    for (String name : names) {
      if (standalone || !name.startsWith("MINIO") && !name.equals("METASTORE_PORT")) {
        ports.put(name, DockerHost.freePort());
        env.put(name, String.valueOf(ports.get(name)));
      }
    }
    return ports;
  }

  private static LakehouseConfig lakehouse(
      int metastorePort, int s3Port, String accessKey, String secretKey) {
    return new LakehouseConfig(
        "lakehouse",
        "thrift://localhost:" + metastorePort,
        "s3a://warehouse/",
        "http://localhost:" + s3Port,
        "us-east-1",
        true,
        accessKey,
        secretKey);
  }

  private static SparkSession session(int metastorePort, int s3Port, Properties keys) {
    LakehouseConfig lakehouse =
        lakehouse(
            metastorePort,
            s3Port,
            keys.getProperty("AWS_ACCESS_KEY_ID"),
            keys.getProperty("AWS_SECRET_ACCESS_KEY"));
    return SparkSessions.lakehouseSession(
        "compose-it",
        lakehouse,
        Map.of(
            "spark.master", "local[2]",
            "spark.ui.enabled", "false",
            "spark.hadoop.fs.s3a.impl.disable.cache", "true"));
  }

  private static void awaitGoldRows(SparkSession spark, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofSeconds(5))
        .ignoreExceptions()
        .until(() -> count(spark, "gold.fact_crypto_hourly") > 0);
  }

  private static long count(SparkSession spark, String table) {
    return spark.sql("SELECT count(*) FROM " + table).first().getLong(0);
  }

  /**
   * Kills the job's container with SIGKILL while its Spark UI reports a running job (a batch in
   * flight), then starts it again, as its restart policy would after a crash.
   */
  private static void killMidBatchAndRestart(ComposeProject stack, String service, int uiPort) {
    String id = stack.container(service);
    HttpClient http = HttpClient.newHttpClient();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> runningSparkJobs(http, uiPort) > 0);
    ComposeProject.docker().killContainerCmd(id).exec();
    log.info("killed {} mid-batch", service);
    await()
        .atMost(Duration.ofMinutes(1))
        .until(
            () -> !ComposeProject.docker().inspectContainerCmd(id).exec().getState().getRunning());
    ComposeProject.docker().startContainerCmd(id).exec();
    figure(service + ": killed with a batch in flight, started again", "yes");
  }

  private static int runningSparkJobs(HttpClient http, int uiPort) throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode apps = json.readTree(get(http, "http://localhost:" + uiPort + "/api/v1/applications"));
    String app = apps.get(0).get("id").asText();
    return json.readTree(
            get(
                http,
                "http://localhost:"
                    + uiPort
                    + "/api/v1/applications/"
                    + app
                    + "/jobs?status=running"))
        .size();
  }

  private static String get(HttpClient http, String url) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode());
    }
    return r.body();
  }

  private static long published(int kafkaPort) {
    try (KafkaOffsets offsets =
        new KafkaOffsets(
            "localhost:" + kafkaPort, List.of(Topics.PRICES_RAW, Topics.COIN_MARKETS_RAW))) {
      Long published = offsets.published();
      assertThat(published).as("Kafka's end offsets").isNotNull().isPositive();
      return published;
    }
  }

  /** Polls the invariants until they hold (the jobs catch up after the producer stopped). */
  private static Invariants.Result drained(SparkSession spark, long produced, Duration atMost) {
    AtomicReference<Invariants.Result> last = new AtomicReference<>();
    Invariants invariants = new Invariants(spark, "lakehouse");
    try {
      await()
          .atMost(atMost)
          .pollInterval(Duration.ofSeconds(15))
          .ignoreExceptions()
          .until(
              () -> {
                last.set(invariants.check(produced));
                return last.get().ok();
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      log.warn("invariants still failing: {}", last.get());
    }
    return last.get() != null ? last.get() : invariants.check(produced);
  }

  /** A business question through the dashboard: a coin's hourly candles are Gold's bars. */
  private static void assertDashboardCandlesAreGolds(SparkSession spark, int port, String coin)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Map<String, BigDecimal> gold = new TreeMap<>();
    for (Row r :
        spark
            .sql(
                "SELECT date_format(hour_start, \"yyyy-MM-dd'T'HH:mm:ss'Z'\"), close_price"
                    + " FROM gold.fact_crypto_hourly WHERE coin_id = '"
                    + coin
                    + "'")
            .collectAsList()) {
      gold.put(r.getString(0), r.getDecimal(1));
    }
    assertThat(gold).isNotEmpty();
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofSeconds(2))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              JsonNode candles =
                  new ObjectMapper()
                      .readTree(
                          get(http, "http://localhost:" + port + "/api/coins/" + coin + "/candles"))
                      .get("candles");
              Map<String, BigDecimal> shown = new TreeMap<>();
              candles.forEach(
                  c ->
                      shown.put(
                          c.get("hour_start").asText(), new BigDecimal(c.get("close").asText())));
              assertThat(shown.keySet()).isEqualTo(gold.keySet());
              shown.forEach(
                  (hour, close) -> assertThat(close).isEqualByComparingTo(gold.get(hour)));
            });
    figure("dashboard: /api/coins/" + coin + "/candles equals Gold's bars", gold.size());
  }

  /**
   * The dashboard holds the reader key minio-init made, not the root keys, and that key reads the
   * warehouse but cannot change it (the candles above were read with it).
   */
  private static void assertDashboardKeyOnlyReads(ComposeProject stack, int s3Port, Properties keys)
      throws Exception {
    String reader = keys.getProperty("LAKEHOUSE_READER_ACCESS_KEY");
    List<String> env =
        List.of(
            ComposeProject.docker()
                .inspectContainerCmd(stack.container("dashboard"))
                .exec()
                .getConfig()
                .getEnv());
    assertThat(env)
        .contains("AWS_ACCESS_KEY_ID=" + reader)
        .doesNotContain("AWS_SECRET_ACCESS_KEY=" + keys.getProperty("AWS_SECRET_ACCESS_KEY"));
    assertThat(reader).isNotEqualTo(keys.getProperty("AWS_ACCESS_KEY_ID"));

    Configuration conf = new Configuration();
    lakehouse(0, s3Port, reader, keys.getProperty("LAKEHOUSE_READER_SECRET_KEY"))
        .s3aSettings()
        .forEach(conf::set);
    conf.set("fs.s3a.impl.disable.cache", "true");
    conf.set("fs.s3a.attempts.maximum", "1");
    org.apache.hadoop.fs.Path warehouse = new org.apache.hadoop.fs.Path("s3a://warehouse/");
    try (FileSystem fs = FileSystem.get(warehouse.toUri(), conf)) {
      LocatedFileStatus file = fs.listFiles(warehouse, true).next();
      try (var in = fs.open(file.getPath())) {
        assertThat(in.readAllBytes()).hasSize((int) file.getLen());
      }
      assertThatThrownBy(() -> fs.delete(file.getPath(), false))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(
              () -> {
                try (var out = fs.create(new org.apache.hadoop.fs.Path(warehouse, "probe"))) {
                  out.write(1);
                }
              })
          .isInstanceOf(AccessDeniedException.class);
      assertThat(fs.exists(file.getPath())).isTrue();
      figure("reader key: bytes read; its delete and write denied", file.getLen());
    }
  }

  private static String health(String container) {
    var state = ComposeProject.docker().inspectContainerCmd(container).exec().getState();
    return state.getHealth() == null ? state.getStatus() : state.getHealth().getStatus();
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new java.util.ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }

  private static double seconds(long startNanos) {
    return Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0;
  }

  private static void figure(String what, Object value) {
    log.info("figure: {} = {}", what, value);
    try {
      Files.writeString(
          FIGURES,
          what + " = " + value + System.lineSeparator(),
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String secret(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
