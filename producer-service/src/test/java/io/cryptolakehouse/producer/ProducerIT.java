package io.cryptolakehouse.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptolakehouse.model.envelope.ApiEnvelope;
import io.cryptolakehouse.model.envelope.EnvelopeHeaders;
import io.cryptolakehouse.producer.poll.PollStatus;
import io.cryptolakehouse.producer.poll.Poller;
import io.cryptolakehouse.producer.poll.RetryingFetcher;
import io.cryptolakehouse.producer.publish.EnvelopePublisher;
import io.cryptolakehouse.producer.source.ApiRequest.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The producer end to end: a local HTTP server plays CoinGecko, a real (embedded KRaft) Kafka
 * broker receives. The scheduler is off; tests drive one poll at a time.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "crypto.poll.enabled=false",
      "crypto.coingecko.ids=bitcoin,ethereum",
      // Generous: a loaded 2-core CI machine can take over a second for the first request.
      "crypto.coingecko.timeout=3s",
      "crypto.poll.calls-per-minute=10000",
      "crypto.retry.initial-backoff=10ms",
      "crypto.retry.max-backoff=40ms",
      "crypto.retry.max-attempts-per-call=6",
    })
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class ProducerIT {

  static final Path SAMPLES = Path.of("../test-data/coingecko");
  static final MockWebServer api = new MockWebServer();

  @Autowired Poller poller;
  @Autowired RetryingFetcher fetcher;
  @Autowired EnvelopePublisher publisher;
  @Autowired JsonMapper json;
  @Autowired MeterRegistry meters;
  @Autowired EmbeddedKafkaBroker broker;
  @LocalServerPort int port;

  TopicTail prices;
  TopicTail markets;

  @DynamicPropertySource
  static void coingeckoUrl(DynamicPropertyRegistry registry) throws IOException {
    api.start();
    registry.add("crypto.coingecko.api-url", () -> api.url("/api/v3").toString());
  }

  @AfterAll
  static void stopApi() {
    api.close();
  }

  @BeforeEach
  void markTopics() {
    prices = new TopicTail(broker.getBrokersAsString(), "crypto.prices.raw");
    markets = new TopicTail(broker.getBrokersAsString(), "crypto.coin-markets.raw");
  }

  @AfterEach
  void closeTails() {
    prices.close();
    markets.close();
  }

  static Stream<Path> samples() throws IOException {
    try (Stream<Path> files = Files.list(SAMPLES)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("samples")
  void publishesEveryRecordedResponseVerbatim(Path sample) throws Exception {
    String body = Files.readString(sample, StandardCharsets.UTF_8);
    api.enqueue(ok(body));

    assertThat(poller.pollOnce(Endpoint.SIMPLE_PRICE)).isEqualTo(1);

    List<ConsumerRecord<String, String>> records = prices.newRecords();
    assertThat(records).hasSize(1);
    assertThat(envelopeOf(records.get(0)).body()).isEqualTo(body);
    api.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void envelopeRecordsHowTheResponseWasFetchedAndJackson2ReadsItToo() throws Exception {
    Instant before = Instant.now();
    api.enqueue(ok("{\"bitcoin\":{\"usd\":1}}"));

    poller.pollOnce(Endpoint.SIMPLE_PRICE);

    ConsumerRecord<String, String> record = prices.newRecords().get(0);
    ApiEnvelope envelope = envelopeOf(record);
    assertThat(envelope.envelopeVersion()).isEqualTo(ApiEnvelope.CURRENT_VERSION);
    assertThat(envelope.source()).isEqualTo("coingecko");
    assertThat(envelope.sourceSystem()).isEqualTo("coingecko_v3");
    assertThat(envelope.endpoint()).isEqualTo("/simple/price");
    assertThat(envelope.requestedIds()).containsExactly("bitcoin", "ethereum");
    assertThat(envelope.httpStatus()).isEqualTo(200);
    assertThat(envelope.simulated()).isFalse();
    assertThat(Instant.parse(envelope.fetchedAt())).isBetween(before, Instant.now());
    assertThat(record.key()).isEqualTo("bitcoin,ethereum");
    assertThat(header(record, EnvelopeHeaders.SOURCE)).isEqualTo("coingecko");
    assertThat(header(record, EnvelopeHeaders.ENDPOINT)).isEqualTo("/simple/price");
    assertThat(header(record, EnvelopeHeaders.HTTP_STATUS)).isEqualTo("200");
    assertThat(header(record, EnvelopeHeaders.ENVELOPE_VERSION)).isEqualTo("1");
    // The Spark jobs use Jackson 2 on the same model class.
    assertThat(new ObjectMapper().readValue(record.value(), ApiEnvelope.class)).isEqualTo(envelope);
    api.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void waitsAsLongAsRetryAfterSaysThenPublishesOnlyTheSuccess() throws Exception {
    double rateLimited = calls("rate_limited");
    api.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("Retry-After", "1")
            .body(sample("09_error_429_rate_limit_body_cryptotracker.json"))
            .build());
    api.enqueue(ok("{\"bitcoin\":{\"usd\":2}}"));

    long start = System.nanoTime();
    poller.pollOnce(Endpoint.SIMPLE_PRICE);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(bodies(prices.newRecords())).containsExactly("{\"bitcoin\":{\"usd\":2}}");
    assertThat(calls("rate_limited") - rateLimited).isEqualTo(1);
    drainRequests(2);
  }

  @Test
  void retriesEveryTransientFailureAndNeverPublishesOne() throws Exception {
    api.enqueue(new MockResponse.Builder().code(429).body("{\"status\":{}}").build());
    api.enqueue(new MockResponse.Builder().code(500).body("{\"error\":\"boom\"}").build());
    api.enqueue(new MockResponse.Builder().code(503).body("unavailable").build());
    api.enqueue(new MockResponse.Builder().headersDelay(10, TimeUnit.SECONDS).body("{}").build());
    api.enqueue(ok("{\"ethereum\":{\"usd\":3}}"));

    assertThat(poller.pollOnce(Endpoint.SIMPLE_PRICE)).isEqualTo(1);

    assertThat(bodies(prices.newRecords())).containsExactly("{\"ethereum\":{\"usd\":3}}");
    drainRequests(5);
  }

  @Test
  void aRefusalIsNotRetriedAndPublishesNothing() throws Exception {
    double abandoned =
        meters.counter("producer.calls.abandoned", "endpoint", "/simple/price").count();
    api.enqueue(
        new MockResponse.Builder()
            .code(403)
            .addHeader("Content-Type", "text/html")
            .body("<html><title>Error 1020</title>Access denied</html>")
            .build());

    assertThat(poller.pollOnce(Endpoint.SIMPLE_PRICE)).isZero();

    assertThat(prices.newRecords()).isEmpty();
    assertThat(meters.counter("producer.calls.abandoned", "endpoint", "/simple/price").count())
        .isEqualTo(abandoned + 1);
    drainRequests(1); // one call of the budget, not five
    assertThat(api.takeRequest(0, TimeUnit.MILLISECONDS)).as("no second call").isNull();
  }

  @Test
  void publishesOddTwoHundredBodiesForSilverToQuarantine() throws Exception {
    List<String> odd =
        List.of(
            "<html><body>Just a moment...</body></html>",
            "",
            "{\"bitcoin\":{\"usd\":",
            "{\"status\":{\"error_code\":429,\"error_message\":\"limit\"}}",
            "{}");
    for (String body : odd) {
      api.enqueue(ok(body));
      poller.pollOnce(Endpoint.SIMPLE_PRICE);
    }

    assertThat(bodies(prices.newRecords())).containsExactlyElementsOf(odd);
    drainRequests(odd.size());
  }

  @Test
  void givesUpAfterMaxAttemptsAndTheNextPollStillWorks() throws Exception {
    double abandoned =
        meters.counter("producer.calls.abandoned", "endpoint", "/simple/price").count();
    for (int i = 0; i < 6; i++) {
      api.enqueue(new MockResponse.Builder().code(500).body("down").build());
    }
    assertThat(poller.pollOnce(Endpoint.SIMPLE_PRICE)).isZero();
    assertThat(prices.newRecords()).isEmpty();
    assertThat(meters.counter("producer.calls.abandoned", "endpoint", "/simple/price").count())
        .isEqualTo(abandoned + 1);

    api.enqueue(ok("{\"bitcoin\":{\"usd\":4}}"));
    assertThat(poller.pollOnce(Endpoint.SIMPLE_PRICE)).isEqualTo(1);
    assertThat(bodies(prices.newRecords())).containsExactly("{\"bitcoin\":{\"usd\":4}}");
    drainRequests(7);
  }

  @Test
  void splitsMoreIdsThanOneCallAllowsIntoSeveralCalls() throws Exception {
    List<String> ids = List.of("a", "b", "c", "d", "e");
    Poller chunked =
        new Poller(ids, 2, fetcher, publisher, new PollStatus(Instant.now()), Clock.systemUTC());
    for (int i = 0; i < 3; i++) {
      api.enqueue(ok("{\"call\":" + i + "}"));
    }

    assertThat(chunked.pollOnce(Endpoint.SIMPLE_PRICE)).isEqualTo(3);

    List<String> requested =
        Stream.of(take(), take(), take()).map(r -> r.getUrl().queryParameter("ids")).toList();
    assertThat(requested).containsExactly("a,b", "c,d", "e");
    assertThat(prices.newRecords().stream().map(ConsumerRecord::key))
        .containsExactlyInAnyOrder("a,b", "c,d", "e");
  }

  @Test
  void publishesCoinAttributesToTheirOwnTopic() throws Exception {
    String body = sample("04_coins_markets_real_100coins_2023-01-08_jkorf.json");
    api.enqueue(ok(body));

    poller.pollOnce(Endpoint.COINS_MARKETS);

    assertThat(take().getUrl().encodedPath()).isEqualTo("/api/v3/coins/markets");
    List<ConsumerRecord<String, String>> records = markets.newRecords();
    assertThat(records).hasSize(1);
    assertThat(envelopeOf(records.get(0)).endpoint()).isEqualTo("/coins/markets");
    assertThat(envelopeOf(records.get(0)).body()).isEqualTo(body);
    assertThat(prices.newRecords()).isEmpty();
  }

  @Test
  void actuatorExposesHealthInfoAndPrometheusOnly() throws Exception {
    assertThat(LocalHttp.get(port, "/actuator/health").body())
        .contains("\"kafka\"")
        .contains("\"poll\"")
        .contains("clusterId");
    assertThat(LocalHttp.get(port, "/actuator/prometheus").body())
        .contains("coingecko_calls_total");
    assertThat(LocalHttp.get(port, "/actuator/info").statusCode()).isEqualTo(200);
    assertThat(LocalHttp.get(port, "/actuator/env").statusCode()).isEqualTo(404);
    assertThat(LocalHttp.get(port, "/actuator/beans").statusCode()).isEqualTo(404);
  }

  private ApiEnvelope envelopeOf(ConsumerRecord<String, String> record) {
    return json.readValue(record.value(), ApiEnvelope.class);
  }

  private List<String> bodies(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(r -> envelopeOf(r).body()).toList();
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private double calls(String outcome) {
    var counter = meters.find("coingecko.calls").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  private static MockResponse ok(String body) {
    return new MockResponse.Builder()
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private static String sample(String name) throws IOException {
    return Files.readString(SAMPLES.resolve(name), StandardCharsets.UTF_8);
  }

  private static RecordedRequest take() throws InterruptedException {
    return api.takeRequest(5, TimeUnit.SECONDS);
  }

  private static void drainRequests(int n) throws InterruptedException {
    for (int i = 0; i < n; i++) {
      assertThat(take()).as("request %d of %d", i + 1, n).isNotNull();
    }
  }
}
