package io.cryptolakehouse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptolakehouse.embedded.EmbeddedLakehouse;
import io.cryptolakehouse.embedded.EmbeddedLakehouseExtension;
import io.cryptolakehouse.gold.GoldAggregate;
import io.cryptolakehouse.gold.GoldConfig;
import io.cryptolakehouse.local.support.LocalSessions;
import io.cryptolakehouse.local.support.ServiceProcess;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.model.Topics;
import io.cryptolakehouse.model.envelope.ApiEnvelope;
import io.cryptolakehouse.spark.JobSettings;
import io.cryptolakehouse.spark.LakehouseTables;
import io.cryptolakehouse.spark.StreamSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard service against Gold built by the real Gold job from fixture Silver rows on the
 * embedded stack: exact candles, quotes and alert order from its JSON API, clear 400s, and alerts
 * published to Kafka arriving over Server-Sent Events; and the page itself in headless Chromium
 * ({@link DashboardPage}). Fixture coins ({@code d-*}) are on 2026-12-02/03.
 */
@ExtendWith(EmbeddedLakehouseExtension.class)
class DashboardIT {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static EmbeddedLakehouse stack;
  static String baseUrl;
  private static ServiceProcess dashboard;

  @BeforeAll
  static void startDashboardOverFixtureGold(EmbeddedLakehouse lakehouse) throws Exception {
    stack = lakehouse;
    fillGold(lakehouse);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    baseUrl = "http://localhost:" + port;
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", lakehouse.kafka().bootstrapServers());
    env.put("HIVE_METASTORE_URI", lakehouse.lakehouse().metastoreUri());
    env.put("S3_ENDPOINT", lakehouse.lakehouse().s3Endpoint());
    env.put("AWS_ACCESS_KEY_ID", lakehouse.lakehouse().s3AccessKey());
    env.put("AWS_SECRET_ACCESS_KEY", lakehouse.lakehouse().s3SecretKey());
    env.put("SERVER_PORT", String.valueOf(port));
    env.put("DASHBOARD_CACHE_TTL", "0s"); // every request sees the table as it is now
    dashboard =
        new ServiceProcess(
            "dashboard",
            Path.of("../dashboard-service/target/dashboard-service-0.1.0-SNAPSHOT.jar"),
            env,
            Path.of("target/dashboard-it.log"));
    dashboard.start();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> get("/actuator/health").statusCode() == 200);
    // The live feed follows the topics from their end once connected; wait for that.
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> json("/api/health").path("live").path("connected").asBoolean());
  }

  @AfterAll
  static void stopDashboard() {
    if (dashboard != null) {
      dashboard.stop();
    }
  }

  /** Silver fixture rows, then the real Gold job over them (one available-now run). */
  private static void fillGold(EmbeddedLakehouse lakehouse) throws Exception {
    SparkSession spark = LocalSessions.pipeline(lakehouse.lakehouse());
    try {
      LakehouseTables.ensureExist(spark, "lakehouse", Tables.SILVER_PRICES_CLEAN);
      List<String> rows = new ArrayList<>();
      String[][] ticks = {
        {"d-btc", "2026-12-02T11:00:00Z", "90"},
        {"d-btc", "2026-12-03T10:00:00Z", "100"},
        {"d-btc", "2026-12-03T10:20:00Z", "110"},
        {"d-btc", "2026-12-03T10:40:00Z", "95"},
        {"d-btc", "2026-12-03T11:00:00Z", "96"},
        {"d-btc", "2026-12-03T11:30:00Z", "99"},
        {"d-eth", "2026-12-03T10:00:00Z", "200"},
        {"d-eth", "2026-12-03T10:05:00Z", "186"},
        {"d-eth", "2026-12-03T10:30:00Z", "190"},
        {"d-eth", "2026-12-03T11:00:00Z", "180"},
        {"d-sol", "2026-12-03T11:00:00Z", "50"},
        {"d-sol", "2026-12-03T11:08:00Z", "46"},
      };
      long offset = 0;
      for (String[] t : ticks) {
        long epoch = java.time.Instant.parse(t[1]).getEpochSecond();
        rows.add(
            ("('%s', CAST(%s AS DECIMAL(38,18)), CAST(1000 AS DECIMAL(38,8)), CAST(5000 AS"
                    + " DECIMAL(38,8)), CAST(0 AS DECIMAL(38,18)), timestamp_seconds(%d),"
                    + " current_timestamp(), current_timestamp(), 'simulated', true, 0, %d)")
                .formatted(t[0], t[2], epoch, offset++));
      }
      spark.sql(
          "INSERT INTO lakehouse."
              + Tables.SILVER_PRICES_CLEAN
              + " VALUES "
              + String.join(", ", rows));
      Map<String, String> settings = new HashMap<>(lakehouse.jobSettings());
      settings.put(StreamSettings.TRIGGER, "available-now");
      settings.put(
          StreamSettings.CHECKPOINT_DIR,
          lakehouse.dataDir().resolve("checkpoints-dashboard").toUri().toString());
      for (StreamingQuery query :
          GoldAggregate.start(spark, GoldConfig.from(JobSettings.of(settings)))) {
        query.awaitTermination();
      }
    } finally {
      spark.stop();
    }
  }

  @Test
  void candlesAreTheHourlyBarsOfTheFixtureTicks() throws Exception {
    JsonNode body =
        json("/api/coins/d-btc/candles?from=2026-12-02T00:00:00Z&to=2026-12-04T00:00:00Z");

    List<String> bars = new ArrayList<>();
    body.path("candles")
        .forEach(
            c ->
                bars.add(
                    String.join(
                        " ",
                        c.path("hour_start").asText(),
                        c.path("open").asText(),
                        c.path("high").asText(),
                        c.path("low").asText(),
                        c.path("close").asText(),
                        c.path("ticks").asText())));
    assertThat(bars)
        .containsExactly(
            "2026-12-02T11:00:00Z 90 90 90 90 1",
            "2026-12-03T10:00:00Z 100 110 95 95 3",
            "2026-12-03T11:00:00Z 96 99 96 99 2");
  }

  @Test
  void candlesAtEveryIntervalAreGoldsAndAGapIsFilledOnlyWhenAskedFor() throws Exception {
    String range = "?from=2026-12-03T10:00:00Z&to=2026-12-03T10:15:00Z";
    List<String> fives = new ArrayList<>();
    json("/api/coins/d-eth/candles/5m" + range)
        .path("candles")
        .forEach(
            c ->
                fives.add(
                    String.join(
                        " ",
                        c.path("start").asText(),
                        c.path("end").asText(),
                        c.path("open").asText(),
                        c.path("close").asText(),
                        c.path("ticks").asText(),
                        c.path("filled").asText())));
    // 10:00 and 10:05 observed; 10:10 has no observation: absent, not invented.
    assertThat(fives)
        .containsExactly(
            "2026-12-03T10:00:00Z 2026-12-03T10:05:00Z 200 200 1 false",
            "2026-12-03T10:05:00Z 2026-12-03T10:10:00Z 186 186 1 false");
    JsonNode filled = json("/api/coins/d-eth/candles/5m" + range + "&fill=previous");
    assertThat(filled.path("candles")).hasSize(3);
    assertThat(filled.path("candles").get(2).path("filled").asBoolean()).isTrue();
    assertThat(filled.path("candles").get(2).path("close").asText()).isEqualTo("186");
    assertThat(filled.path("candles").get(2).path("ticks").asInt()).isZero();
    assertThat(
            json("/api/coins/d-btc/candles/1d?from=2026-12-02T00:00:00Z&to=2026-12-04T00:00:00Z")
                .path("candles"))
        .extracting(c -> c.path("start").asText() + " " + c.path("close").asText())
        .containsExactly("2026-12-02T00:00:00Z 90", "2026-12-03T00:00:00Z 99");
    assertThat(get("/api/coins/d-btc/candles/2m").statusCode()).isEqualTo(400);
    assertThat(get("/api/coins/d-btc/candles/1m?fill=zero").statusCode()).isEqualTo(400);
  }

  @Test
  void coinsCarryTheLatestCloseAndTheChangeAgainstOneAndTwentyFourHoursBefore() throws Exception {
    Map<String, JsonNode> coins = new HashMap<>();
    json("/api/coins").path("coins").forEach(c -> coins.put(c.path("coin_id").asText(), c));

    assertThat(coins).containsKeys("d-btc", "d-eth", "d-sol");
    assertThat(coins.get("d-btc").path("price_usd").asText()).isEqualTo("99");
    assertThat(coins.get("d-btc").path("change_1h_pct").decimalValue())
        .isEqualByComparingTo("4.2105");
    assertThat(coins.get("d-btc").path("change_24h_pct").decimalValue())
        .isEqualByComparingTo("10.0000");
    assertThat(coins.get("d-eth").path("price_usd").asText()).isEqualTo("180");
    assertThat(coins.get("d-eth").path("change_1h_pct").decimalValue())
        .isEqualByComparingTo("-5.2632");
    assertThat(coins.get("d-eth").path("change_24h_pct").isNull()).isTrue();
    assertThat(coins.get("d-sol").path("change_1h_pct").isNull()).isTrue();
  }

  @Test
  void alertsComeNewestFirstAndFilterByCoin() throws Exception {
    JsonNode alerts = json("/api/alerts").path("alerts");

    assertThat(alerts).hasSize(2);
    assertThat(alerts.get(0).path("coin_id").asText()).isEqualTo("d-sol");
    assertThat(alerts.get(0).path("from_price").asText()).isEqualTo("50");
    assertThat(alerts.get(0).path("to_price").asText()).isEqualTo("46");
    assertThat(alerts.get(0).path("pct_change").asDouble()).isCloseTo(-8.0, within(1e-9));
    assertThat(alerts.get(1).path("coin_id").asText()).isEqualTo("d-eth");
    assertThat(alerts.get(1).path("window_end").asText()).isEqualTo("2026-12-03T10:05:00Z");
    assertThat(json("/api/alerts?coin=d-eth").path("alerts")).hasSize(1);
    assertThat(json("/api/alerts?limit=1").path("alerts")).hasSize(1);
  }

  @Test
  void healthReportsEachLayersNewestObservation() throws Exception {
    JsonNode layers = json("/api/health").path("lakehouse").path("layers");
    Map<String, String> newest = new HashMap<>();
    layers.forEach(l -> newest.put(l.path("layer").asText(), l.path("newest").asText()));

    assertThat(newest).containsEntry("silver", "2026-12-03T11:30:00Z");
    assertThat(newest).containsEntry("gold", "2026-12-03T11:30:00Z");
    assertThat(json("/api/health").path("lakehouse").path("quarantined").asLong()).isZero();
  }

  @Test
  void badParametersGetA400ThatNamesTheParameter() throws Exception {
    Map<String, String> cases =
        Map.of(
            "/api/coins/BTC/candles", "coin",
            "/api/coins/d-btc/candles?from=yesterday", "from",
            "/api/coins/d-btc/candles?from=2026-12-03T00:00:00Z&to=2026-12-02T00:00:00Z", "before",
            "/api/coins/d-btc/candles?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "days",
            "/api/alerts?limit=abc", "limit",
            "/api/alerts?since=tomorrow", "since");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      HttpResponse<String> response = get(c.getKey());
      assertThat(response.statusCode()).as(c.getKey()).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).path("error").asText())
          .as(c.getKey())
          .contains(c.getValue());
      assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void anAlertPublishedToKafkaReachesAnOpenEventStream() throws Exception {
    try (EventStream stream = new EventStream(HTTP, baseUrl)) {
      List<String> lines = stream.lines();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> json("/api/health").path("live").path("connected").asBoolean());
      String id = "d-ada@2026-12-03 12:00:00";
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () -> {
                // Re-published until seen: the stream may subscribe after the first send.
                publishAlert(id, "d-ada");
                return lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains(id));
              });
      assertThat(lines).contains("event:alert");
    }
  }

  @Test
  void thePageShowsWhatTheApiReportsAndALiveAlertWithoutReloading() throws Exception {
    JsonNode eth =
        elements(json("/api/coins").path("coins"))
            .filter(c -> c.path("coin_id").asText().equals("d-eth"))
            .findFirst()
            .orElseThrow();
    int ethHours = json("/api/coins/d-eth/candles").path("candles").size();
    int ethMinutes = json("/api/coins/d-eth/candles/1m").path("candles").size();
    try (DashboardPage page = DashboardPage.open(baseUrl)) {
      page.awaitCoins(3);
      page.select("d-eth");

      // Two hours of Gold: a young run, so one-minute candles first, their gaps drawn as gaps.
      page.awaitCandles("d-eth", ethMinutes);
      page.awaitInterval("1m", ethMinutes);
      assertThat(ethMinutes).isEqualTo(4);
      // 10:00 to 11:30 (the newest candle in Gold is d-btc's at 11:30): 91 minutes, 4 observed.
      assertThat(page.gaps()).isEqualTo(87);
      page.chooseInterval("1h");
      page.awaitInterval("1h", ethHours);
      assertThat(ethHours).isEqualTo(2);
      assertThat(page.latestPrice()).isEqualTo(eth.path("price_usd").asText()).isEqualTo("180");
      assertThat(page.alertIds())
          .contains(json("/api/alerts").path("alerts").get(0).path("alert_id").asText());

      String id = "d-page@2026-12-03 12:30:00";
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () -> {
                publishAlert(id, "d-page");
                return page.alertIds().contains(id);
              });
      assertThat(page.loads()).as("the page was not reloaded").isEqualTo(1);
      page.screenshot(Path.of("target/dashboard-screenshots/dashboard.png"));
    }
  }

  @Test
  void aPricesTopicCreatedAfterTheServiceStartedIsFollowedFromItsBeginning() throws Exception {
    // No producer ran here: crypto.prices.raw appears only now, as when the producer starts last.
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(Topics.PRICES_RAW, 1, (short) 1))).all().get();
    }
    String envelope =
        JSON.writeValueAsString(
            new ApiEnvelope(
                ApiEnvelope.CURRENT_VERSION,
                "simulated",
                ApiEnvelope.SOURCE_SYSTEM_COINGECKO_V3,
                "/simple/price",
                List.of("d-late"),
                200,
                "2026-12-03T12:00:00Z",
                true,
                "{\"d-late\":{\"usd\":12.5,\"last_updated_at\":1764763200}}"));
    try (EventStream stream = new EventStream(HTTP, baseUrl)) {
      List<String> lines = stream.lines();
      // Published once, before the feed can have noticed the topic (it looks every 10 s).
      send(Topics.PRICES_RAW, "d-late", envelope);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> lines.stream().anyMatch(l -> l.contains("\"coin_id\":\"d-late\"")));
      assertThat(lines).contains("event:price");
    }
  }

  static void publishAlert(String alertId, String coin) throws Exception {
    // The Gold job's own shape: to_json of the alert table's row.
    String value =
        ("{\"alert_id\":\"%s\",\"coin_id\":\"%s\",\"window_start\":\"2026-12-03T11:55:00.000Z\","
                + "\"window_end\":\"2026-12-03T12:00:00.000Z\",\"from_price\":10.5,"
                + "\"to_price\":9.5,\"pct_change\":-9.523809523809524,"
                + "\"detected_at\":\"2026-12-03T12:00:05.000Z\",\"is_simulated\":true}")
            .formatted(alertId, coin);
    send(Topics.ALERTS, alertId, value);
  }

  private static void send(String topic, String key, String value) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  static Stream<JsonNode> elements(JsonNode array) {
    List<JsonNode> list = new ArrayList<>();
    array.forEach(list::add);
    return list.stream();
  }
}
