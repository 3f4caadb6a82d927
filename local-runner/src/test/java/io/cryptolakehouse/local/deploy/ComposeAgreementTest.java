package io.cryptolakehouse.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptolakehouse.bronze.BronzeConfig;
import io.cryptolakehouse.embedded.EmbeddedLakehouse;
import io.cryptolakehouse.gold.GoldConfig;
import io.cryptolakehouse.maintenance.MaintenanceConfig;
import io.cryptolakehouse.maintenance.MaintenanceSettings;
import io.cryptolakehouse.model.Topics;
import io.cryptolakehouse.silver.SilverConfig;
import io.cryptolakehouse.spark.JobSettings;
import io.cryptolakehouse.spark.KafkaSettings;
import io.cryptolakehouse.spark.LakehouseConfig;
import io.cryptolakehouse.spark.StreamSettings;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml and the applications must agree: a renamed topic, setting, env var, jar or
 * port fails here, not on a user's machine. (CI also validates the file with docker-compose.)
 */
class ComposeAgreementTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final JsonNode COMPOSE = yaml(ROOT.resolve("docker-compose.yml"));
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)");

  private static final Map<String, String> JOBS =
      Map.of(
          "bronze", "bronze-ingest-job",
          "silver", "silver-transform-job",
          "gold", "gold-aggregate-job",
          "maintenance", "maintenance-job");

  @Test
  void eachJobSubmitsItsModulesJarAndMainClass() throws Exception {
    String version = projectVersion();
    String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    for (Map.Entry<String, String> job : JOBS.entrySet()) {
      JsonNode service = service(job.getKey());
      List<String> command = strings(service.get("command"));
      assertThat(command.get(0)).isEqualTo("/opt/spark/bin/spark-submit");
      assertThat(command).last().isEqualTo("/opt/jobs/" + job.getValue() + ".jar");
      // The image's spark-jobs stage copies each module's shaded jar to that name.
      assertThat(service.get("build").get("target").asText()).isEqualTo("spark-jobs");
      assertThat(dockerfile)
          .contains("FROM ${SPARK_IMAGE} AS spark-jobs")
          .contains(job.getValue())
          .contains("$job/target/$job-" + version + "-spark-submit.jar");
      assertThat(option(command, "--driver-memory")).isEqualTo("${SPARK_DRIVER_MEMORY:-2g}");
      String mainClass = option(command, "--class");
      assertThat(Class.forName(mainClass).getMethod("main", String[].class)).isNotNull();
      assertThat(Files.exists(ROOT.resolve(job.getValue()).resolve("pom.xml"))).isTrue();
    }
  }

  @Test
  void everySparkCryptoKeyIsOneTheJobsRead() throws Exception {
    Set<String> known = new LinkedHashSet<>();
    for (Class<?> c :
        List.of(
            BronzeConfig.class,
            SilverConfig.class,
            GoldConfig.class,
            LakehouseConfig.class,
            KafkaSettings.class,
            StreamSettings.class,
            MaintenanceSettings.class,
            MaintenanceConfig.class)) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
          f.setAccessible(true);
          String value = (String) f.get(null);
          if (value.startsWith(JobSettings.PREFIX)) {
            known.add(value);
          }
        }
      }
    }
    for (String job : JOBS.keySet()) {
      for (String conf : confs(service(job)).keySet()) {
        if (conf.startsWith(JobSettings.PREFIX)) {
          assertThat(known).as("%s --conf %s", job, conf).contains(conf);
        }
      }
    }
  }

  @Test
  void topicsCatalogBucketAndKafkaAddressMatchTheApplications() {
    Map<String, String> bronze = confs(service("bronze"));
    assertThat(defaultOf(bronze.get(BronzeConfig.PRICES_TOPIC))).isEqualTo(Topics.PRICES_RAW);
    assertThat(defaultOf(bronze.get(BronzeConfig.MARKETS_TOPIC)))
        .isEqualTo(Topics.COIN_MARKETS_RAW);
    assertThat(confs(service("gold")).get(GoldConfig.ALERTS_TOPIC)).isEqualTo(Topics.ALERTS);

    JsonNode producerEnv = service("producer").get("environment");
    assertThat(defaultOf(producerEnv.get("KAFKA_TOPIC").asText())).isEqualTo(Topics.PRICES_RAW);
    assertThat(defaultOf(producerEnv.get("KAFKA_MARKETS_TOPIC").asText()))
        .isEqualTo(Topics.COIN_MARKETS_RAW);

    // What the jobs assume when a setting is absent is what Compose provides.
    Map<String, String> secrets = new HashMap<>();
    secrets.put(LakehouseConfig.S3_ACCESS_KEY, "k");
    secrets.put(LakehouseConfig.S3_SECRET_KEY, "s");
    BronzeConfig defaults = BronzeConfig.from(JobSettings.of(secrets));
    for (String job : JOBS.keySet()) {
      Map<String, String> confs = confs(service(job));
      assertThat(defaultOf(confs.get(LakehouseConfig.METASTORE_URI)))
          .isEqualTo(defaults.lakehouse().metastoreUri());
      assertThat(defaultOf(confs.get(LakehouseConfig.S3_ENDPOINT)))
          .isEqualTo(defaults.lakehouse().s3Endpoint());
      assertThat(defaultOf(confs.get(LakehouseConfig.WAREHOUSE)))
          .isEqualTo(defaults.lakehouse().warehouse())
          .isEqualTo(EmbeddedLakehouse.WAREHOUSE);
      if (confs.containsKey(KafkaSettings.BOOTSTRAP_SERVERS)) {
        assertThat(confs.get(KafkaSettings.BOOTSTRAP_SERVERS))
            .isEqualTo(defaults.bootstrapServers());
      }
    }
    assertThat(producerEnv.get("KAFKA_BOOTSTRAP_SERVERS").asText())
        .isEqualTo(defaults.bootstrapServers());
    assertThat(strings(service("kafka").get("environment").get("KAFKA_ADVERTISED_LISTENERS")))
        .anySatisfy(l -> assertThat(l).contains("//" + defaults.bootstrapServers()));
    assertThat(defaultOf(service("minio-init").get("environment").get("S3_BUCKET").asText()))
        .isEqualTo(EmbeddedLakehouse.BUCKET);
  }

  /** Readers get the read-only key minio-init makes; the root keys stay with the writers. */
  @Test
  void dashboardAndJupyterReadWithTheReaderKeyNotTheRootKeys() {
    for (String reader : List.of("dashboard", "jupyter")) {
      JsonNode env = service(reader).get("environment");
      assertThat(env.get("AWS_ACCESS_KEY_ID").asText())
          .as(reader)
          .startsWith("${LAKEHOUSE_READER_ACCESS_KEY:?");
      assertThat(env.get("AWS_SECRET_ACCESS_KEY").asText())
          .as(reader)
          .startsWith("${LAKEHOUSE_READER_SECRET_KEY:?");
    }
    String init = service("minio-init").get("command").toString();
    assertThat(init)
        .contains("mc admin policy create local lakehouse-reader")
        .contains("mc admin user add local")
        .contains("mc admin policy attach local lakehouse-reader")
        .doesNotContain("s3:PutObject")
        .doesNotContain("s3:*");
  }

  @Test
  void producerEnvironmentUsesTheProducersOwnVariableNamesAndPort() throws Exception {
    String applicationYml =
        Files.readString(ROOT.resolve("producer-service/src/main/resources/application.yml"));
    JsonNode producer = service("producer");
    producer
        .get("environment")
        .fieldNames()
        .forEachRemaining(
            name -> assertThat(applicationYml).as("producer env %s", name).contains("${" + name));
    assertThat(applicationYml).contains("${SERVER_PORT:8081}");
    assertThat(strings(producer.get("ports"))).anySatisfy(p -> assertThat(p).endsWith(":8081"));
    assertThat(producer.get("build").get("target").asText()).isEqualTo("producer");
    assertThat(Files.readString(ROOT.resolve("Dockerfile"))).contains("AS producer");
  }

  @Test
  void dashboardEnvironmentUsesItsOwnVariableNamesPortAndTheJobsTopics() throws Exception {
    String applicationYml =
        Files.readString(ROOT.resolve("dashboard-service/src/main/resources/application.yml"));
    JsonNode dashboard = service("dashboard");
    dashboard
        .get("environment")
        .fieldNames()
        .forEachRemaining(
            name -> assertThat(applicationYml).as("dashboard env %s", name).contains("${" + name));
    assertThat(applicationYml).contains("${SERVER_PORT:8082}");
    assertThat(strings(dashboard.get("ports")))
        .anySatisfy(p -> assertThat(p).startsWith("127.0.0.1:").endsWith(":8082"));
    assertThat(dashboard.get("environment").get("KAFKA_ALERTS_TOPIC").asText())
        .isEqualTo(Topics.ALERTS);
    assertThat(dashboard.get("build").get("target").asText()).isEqualTo("dashboard");
    assertThat(Files.readString(ROOT.resolve("Dockerfile"))).contains("AS dashboard");
  }

  @Test
  void backfillServiceIsTheProducerImageWithItsBackfillProfile() throws Exception {
    String applicationYml =
        Files.readString(ROOT.resolve("producer-service/src/main/resources/application.yml"));
    JsonNode backfill = service("backfill");
    JsonNode env = backfill.get("environment");
    assertThat(backfill.get("image").asText()).isEqualTo(service("producer").get("image").asText());
    assertThat(env.get("SPRING_PROFILES_ACTIVE").asText()).isEqualTo("backfill");
    assertThat(ROOT.resolve("producer-service/src/main/resources/application-backfill.yml"))
        .exists();
    env.fieldNames()
        .forEachRemaining(
            name -> {
              // "<<" merges the producer's environment (checked by the producer's own test).
              if (!name.equals("SPRING_PROFILES_ACTIVE") && !name.equals("<<")) {
                assertThat(applicationYml).as("backfill env %s", name).contains("${" + name);
              }
            });
    assertThat(strings(backfill.get("profiles"))).containsExactly("backfill");
  }

  @Test
  void everyVariableIsDocumentedInEnvExampleAndNoSecretHasADefault() throws Exception {
    String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
    String example = Files.readString(ROOT.resolve(".env.example"));
    Set<String> variables = new LinkedHashSet<>();
    Matcher m = VARIABLE.matcher(compose);
    while (m.find()) {
      variables.add(m.group(1));
    }
    List<String> undocumented = new ArrayList<>();
    for (String v : variables) {
      if (!Pattern.compile("(?m)^" + v + "=").matcher(example).find()
          && !v.endsWith("_IMAGE")
          && !v.equals("LAKEHOUSE_VERSION")) {
        undocumented.add(v);
      }
    }
    assertThat(undocumented).as("variables missing from .env.example").isEmpty();
    for (String secret :
        List.of(
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "LAKEHOUSE_READER_ACCESS_KEY",
            "LAKEHOUSE_READER_SECRET_KEY",
            "METASTORE_DB_PASSWORD",
            "JUPYTER_TOKEN")) {
      assertThat(compose).as(secret).doesNotContain("${" + secret + ":-");
      assertThat(example).containsPattern("(?m)^" + secret + "=$");
    }
    assertThat(Files.readString(ROOT.resolve(".gitignore"))).containsPattern("(?m)^\\.env$");
  }

  @Test
  void noSecretIsOnACommandLineAndNoServiceFixesItsContainerName() throws Exception {
    COMPOSE
        .get("services")
        .fields()
        .forEachRemaining(
            e -> {
              // Fixed names collide between projects and Testcontainers' compose support refuses
              // them.
              assertThat(e.getValue().has("container_name")).as(e.getKey()).isFalse();
              String command = e.getValue().path("command").toString();
              String serviceOpts = e.getValue().path("environment").path("SERVICE_OPTS").asText();
              for (String secret :
                  List.of(
                      "AWS_SECRET_ACCESS_KEY",
                      "LAKEHOUSE_READER_SECRET_KEY",
                      "METASTORE_DB_PASSWORD",
                      "JUPYTER_TOKEN")) {
                assertThat(command).as("%s command", e.getKey()).doesNotContain("${" + secret);
                assertThat(serviceOpts)
                    .as("%s JVM options", e.getKey())
                    .doesNotContain("${" + secret);
              }
            });
  }

  @Test
  void everyServiceHasAHealthcheckOrRunsOnce() {
    COMPOSE
        .get("services")
        .fields()
        .forEachRemaining(
            e -> {
              // Run-once jobs (bucket creation, a backfill) end; there is nothing to check.
              boolean oneShot =
                  e.getKey().endsWith("-init")
                      || "no".equals(e.getValue().path("restart").asText());
              assertThat(oneShot || e.getValue().has("healthcheck"))
                  .as("%s has a healthcheck", e.getKey())
                  .isTrue();
              assertThat(e.getValue().path("logging").path("options").path("max-size").asText())
                  .as("%s rotates its log", e.getKey())
                  .isNotEmpty();
              JsonNode ports = e.getValue().get("ports");
              if (ports != null) {
                assertThat(strings(ports))
                    .as("%s publishes on localhost only", e.getKey())
                    .allSatisfy(p -> assertThat(p).startsWith("127.0.0.1:"));
              }
            });
  }

  @Test
  void kafkaUiIsReadOnlyUnlessTheUserAsksOtherwise() {
    assertThat(COMPOSE.at("/services/kafka-ui/environment/KAFKA_CLUSTERS_0_READONLY").asText())
        .isEqualTo("${KAFKA_UI_READONLY:-true}");
  }

  @Test
  void notebooksAreValidJsonWithoutOutputsOrSecrets() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<Path> notebooks;
    try (Stream<Path> files = Files.list(ROOT.resolve("notebooks"))) {
      notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).toList();
    }
    assertThat(notebooks).hasSizeGreaterThanOrEqualTo(2);
    Set<String> sqlFilesUsed = new LinkedHashSet<>();
    for (Path notebook : notebooks) {
      String text = Files.readString(notebook);
      JsonNode root = json.readTree(text);
      assertThat(root.get("nbformat").asInt()).isEqualTo(4);
      for (JsonNode cell : root.get("cells")) {
        if (cell.get("cell_type").asText().equals("code")) {
          assertThat(cell.get("outputs")).as("%s stores no outputs", notebook).isEmpty();
          assertThat(cell.get("execution_count").isNull()).isTrue();
        }
      }
      assertThat(text)
          .as("%s holds no credentials", notebook)
          .doesNotContainPattern(
              "(?i)(secret|password|token)[\\\"']?\\s*[:=]\\s*[\\\"'][^\\\"'$]{6,}")
          .doesNotContainPattern("AKIA[0-9A-Z]{16}");
      for (Matcher sql = Pattern.compile("SQL_DIR / \\\\\"([a-z_]+\\.sql)").matcher(text);
          sql.find(); ) {
        assertThat(ROOT.resolve("notebooks/sql").resolve(sql.group(1))).exists();
        sqlFilesUsed.add(sql.group(1));
      }
    }
    try (var files = Files.list(ROOT.resolve("notebooks/sql"))) {
      assertThat(sqlFilesUsed)
          .as("the notebooks read their SQL from notebooks/sql, every file of it")
          .containsExactlyInAnyOrderElementsOf(
              files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".sql")).toList());
    }
  }

  private static JsonNode service(String name) {
    JsonNode service = COMPOSE.get("services").get(name);
    assertThat(service).as("service %s", name).isNotNull();
    return service;
  }

  /** The {@code --conf=key=value} options of a job's command. */
  private static Map<String, String> confs(JsonNode service) {
    Map<String, String> confs = new HashMap<>();
    for (String arg : strings(service.get("command"))) {
      if (arg.startsWith("--conf=")) {
        String kv = arg.substring("--conf=".length());
        int eq = kv.indexOf('=');
        confs.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return confs;
  }

  private static String option(List<String> command, String name) {
    return command.stream()
        .filter(a -> a.startsWith(name + "="))
        .map(a -> a.substring(name.length() + 1))
        .findFirst()
        .orElseThrow();
  }

  /** The default of a {@code ${VAR:-default}} value (the value itself when it has none). */
  private static String defaultOf(String value) {
    assertThat(value).isNotNull();
    return value.replaceAll("\\$\\{[A-Z0-9_]+:-([^}]*)}", "$1");
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node == null) {
      return values;
    }
    if (node.isArray()) {
      node.forEach(n -> values.add(n.asText()));
    } else {
      values.add(node.asText());
    }
    return values;
  }

  private static String projectVersion() throws Exception {
    Matcher m =
        Pattern.compile("<artifactId>crypto-lakehouse</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(Files.readString(ROOT.resolve("pom.xml")));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  /** SnakeYAML rather than Jackson's YAML parser: it resolves the {@code <<: *anchor} merges. */
  private static JsonNode yaml(Path file) {
    try {
      Object tree = new Yaml().load(Files.readString(file));
      return new ObjectMapper().valueToTree(tree);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot read " + file, e);
    }
  }
}
