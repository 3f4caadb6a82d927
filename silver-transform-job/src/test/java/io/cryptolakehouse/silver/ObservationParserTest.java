package io.cryptolakehouse.silver;

import static io.cryptolakehouse.silver.BronzeFixtures.LAST_UPDATED;
import static io.cryptolakehouse.silver.BronzeFixtures.quote;
import static io.cryptolakehouse.silver.BronzeFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.spark.LocalSpark;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObservationParserTest {

  private static final Duration MAX_AGE = Duration.ofMinutes(5);
  private final SparkSession spark = LocalSpark.session();
  private final BronzeFixtures bronze = new BronzeFixtures();

  @Test
  void parsesTheDocumentedResponseExactly() {
    bronze.prices(sample("13_simple_price_docs_example_all_include_fields.json"));

    Row row = onlyClean();

    assertThat(row.<String>getAs("crypto_symbol")).isEqualTo("bitcoin");
    assertThat(row.<BigDecimal>getAs("price_usd")).isEqualByComparingTo("67187.3358936566");
    assertThat(row.<BigDecimal>getAs("market_cap_usd")).isEqualByComparingTo("1317802988326.25");
    assertThat(row.<BigDecimal>getAs("volume_24h")).isEqualByComparingTo("31260929299.5248");
    assertThat(row.<BigDecimal>getAs("percent_change_24h"))
        .isEqualByComparingTo("3.63727894677354");
    assertThat(row.<Timestamp>getAs("api_timestamp").toInstant())
        .isEqualTo(Instant.ofEpochSecond(LAST_UPDATED));
    assertThat(row.<String>getAs("source")).isEqualTo("coingecko");
    assertThat(row.<Boolean>getAs("is_simulated")).isFalse();
  }

  @Test
  void classifiesTheRealSamplesWithoutTimestampsAndWithNulls() {
    long sample01 = bronze.prices(sample("01_simple_price_real_2coins_vol_change_pulse.json"));
    long sample03 =
        bronze.prices(sample("03_simple_price_handwritten_missing_field_null_sci_pulse.json"));

    List<Row> rejected = ObservationParser.rejectedRows(classify()).collectAsList();

    assertThat(rejected)
        .extracting(BronzeFixtures::rejection)
        .containsExactlyInAnyOrder(
            sample01 + " bitcoin missing_api_timestamp",
            sample01 + " ethereum missing_api_timestamp",
            sample03 + " bitcoin missing_api_timestamp",
            sample03 + " ethereum missing_price");
  }

  @Test
  void keepsTinyPricesHugeCapsIntegersAndOldStyleStringsExactly() {
    bronze.prices(quote("tiny", "2.02027e-10", LAST_UPDATED));
    bronze.prices(quote("integer", "84449", LAST_UPDATED));
    bronze.prices(quote("string", "\"84449.5\"", LAST_UPDATED));
    bronze.prices(
        "{\"huge\":{\"usd\":1,\"usd_market_cap\":1.5e25,\"last_updated_at\":%d}}"
            .formatted(LAST_UPDATED));

    List<Row> clean =
        ObservationParser.cleanRows(classify()).orderBy("crypto_symbol").collectAsList();

    assertThat(clean)
        .extracting(r -> r.<String>getAs("crypto_symbol"))
        .containsExactly("huge", "integer", "string", "tiny");
    assertThat(clean.get(0).<BigDecimal>getAs("market_cap_usd"))
        .isEqualByComparingTo("15000000000000000000000000");
    assertThat(clean.get(1).<BigDecimal>getAs("price_usd")).isEqualByComparingTo("84449");
    assertThat(clean.get(2).<BigDecimal>getAs("price_usd")).isEqualByComparingTo("84449.5");
    assertThat(clean.get(3).<BigDecimal>getAs("price_usd"))
        .isEqualByComparingTo("0.000000000202027");
    assertThat(clean.get(0).<BigDecimal>getAs("volume_24h")).isNull(); // absent field: null, not 0
  }

  /**
   * The value read back equals the number CoinGecko printed, digit for digit: each number becomes a
   * decimal straight from its printed text, never through a double. Price, volume and market cap;
   * as a {@code /simple/price} quote and as a backfill chart point.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2.02027e-10",
    "0.00001234",
    "91234.5",
    "1e-12",
    "123456789012.12345",
    "0.12345678901234567",
    "1234567.8901234567",
    "98765.432109876543",
    "1E+2",
    "9007199254740993",
    "123456789012345678901"
  })
  void readsEveryPrintedNumberBackExactly(String printed) {
    BigDecimal expected = new BigDecimal(printed);
    boolean fitsPrice = expected.precision() - expected.scale() <= 20;
    bronze.prices(
        "{\"exact\":{\"usd\":%s,\"usd_24h_vol\":%s,\"usd_market_cap\":%s,\"last_updated_at\":%d}}"
            .formatted(fitsPrice ? printed : "1", printed, printed, LAST_UPDATED));
    bronze.chart(
        List.of("exact-chart"),
        "{\"prices\":[[%d,%s]],\"market_caps\":[[%d,%s]],\"total_volumes\":[[%d,%s]]}"
            .formatted(
                LAST_UPDATED * 1000,
                fitsPrice ? printed : "1",
                LAST_UPDATED * 1000,
                printed,
                LAST_UPDATED * 1000,
                printed));

    List<Row> clean =
        ObservationParser.cleanRows(classify()).orderBy("crypto_symbol").collectAsList();

    assertThat(clean).hasSize(2);
    for (Row row : clean) {
      if (fitsPrice) {
        assertThat(row.<BigDecimal>getAs("price_usd")).isEqualByComparingTo(expected);
      }
      // Amounts are stored at 8 decimals (USD volumes and caps): exact up to that scale.
      BigDecimal amount = expected.setScale(Math.min(expected.scale(), 8), RoundingMode.HALF_UP);
      assertThat(row.<BigDecimal>getAs("volume_24h")).isEqualByComparingTo(amount);
      assertThat(row.<BigDecimal>getAs("market_cap_usd")).isEqualByComparingTo(amount);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing_price       | {\"bitcoin\":{\"usd_24h_vol\":1,\"last_updated_at\":1711356300}}",
        "missing_price       | {\"bitcoin\":{\"usd\":null,\"last_updated_at\":1711356300}}",
        "non_numeric         | {\"bitcoin\":{\"usd\":\"abc\",\"last_updated_at\":1711356300}}",
        "non_numeric         | {\"bitcoin\":{\"usd\":1,\"usd_24h_vol\":\"n/a\",\"last_updated_at\":1711356300}}",
        "non_numeric         | {\"bitcoin\":{\"usd\":true,\"last_updated_at\":1711356300}}",
        "non_numeric         | {\"bitcoin\":{\"usd\":[1],\"last_updated_at\":1711356300}}",
        "non_numeric         | {\"bitcoin\":{\"usd\":1,\"usd_24h_change\":false,\"last_updated_at\":1711356300}}",
        "missing_api_timestamp | {\"bitcoin\":{\"usd\":1,\"last_updated_at\":true}}",
        "out_of_range        | {\"bitcoin\":{\"usd\":1e30,\"last_updated_at\":1711356300}}",
        "out_of_range        | {\"bitcoin\":{\"usd\":1,\"usd_market_cap\":1e40,\"last_updated_at\":1711356300}}",
        "non_positive_price  | {\"bitcoin\":{\"usd\":0,\"last_updated_at\":1711356300}}",
        "non_positive_price  | {\"bitcoin\":{\"usd\":-3.5,\"last_updated_at\":1711356300}}",
        "non_positive_price  | {\"bitcoin\":{\"usd\":1e-20,\"last_updated_at\":1711356300}}",
        "non_positive_price  | {\"bitcoin\":{\"usd\":\"1e-999999999\",\"last_updated_at\":1711356300}}",
        "out_of_range        | {\"bitcoin\":{\"usd\":\"1e999999999\",\"last_updated_at\":1711356300}}",
        "missing_api_timestamp | {\"bitcoin\":{\"usd\":1}}",
        "missing_api_timestamp | {\"bitcoin\":{\"usd\":1,\"last_updated_at\":\"yesterday\"}}",
        "missing_api_timestamp | {\"bitcoin\":{\"usd\":1,\"last_updated_at\":1e30}}",
        "future_observation  | {\"bitcoin\":{\"usd\":1,\"last_updated_at\":1711443000}}",
        "future_observation  | {\"bitcoin\":{\"usd\":1,\"last_updated_at\":32503679999}}",
        "stale_observation   | {\"bitcoin\":{\"usd\":1,\"last_updated_at\":1711355000}}",
        "future_observation  | {\"bitcoin\":{\"usd\":1,\"last_updated_at\":1711357000}}",
        "coin_not_object     | {\"bitcoin\":5}",
        "body_not_json       | <html>Just a moment...</html>",
        "body_not_json       | ''",
        "body_not_json       | [1,2]",
        "api_error_body      | {\"status\":{\"error_code\":429,\"error_message\":\"You've exceeded the Rate Limit.\"}}",
        "api_error_body      | {\"error_code\":10011,\"status\":{\"error_message\":\"wrong key\"},\"timestamp\":\"x\"}",
        "api_error_body      | {\"error\":\"coin not found\"}",
        "no_coins            | {}",
      })
  void rejectsEachCoinOrBodyRuleWithADetail(String rule, String body) {
    long offset = bronze.prices(body);

    Row rejected = onlyRejected();

    assertThat(rejected.<String>getAs("rule")).isEqualTo(rule);
    assertThat(rejected.<String>getAs("detail")).isNotBlank();
    assertThat(rejected.<Long>getAs("bronze_offset")).isEqualTo(offset);
    assertThat(rejected.<String>getAs("rejected_record")).isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "empty_message                | ''",
        "envelope_not_json            | <html><body>Cloudflare</body></html>",
        "envelope_not_json            | {\"truncated\":",
        "unsupported_envelope_version | {\"envelope_version\":2,\"source\":\"coingecko\",\"endpoint\":\"/simple/price\",\"http_status\":200,\"body\":\"{}\"}",
        "unknown_source               | {\"envelope_version\":1,\"source\":\"binance\",\"endpoint\":\"/simple/price\",\"http_status\":200,\"body\":\"{}\"}",
        "unexpected_endpoint          | {\"envelope_version\":1,\"source\":\"coingecko\",\"endpoint\":\"/coins/markets\",\"http_status\":200,\"body\":\"[]\"}",
        "non_success_status           | {\"envelope_version\":1,\"source\":\"coingecko\",\"endpoint\":\"/simple/price\",\"http_status\":429,\"body\":\"{}\"}",
      })
  void rejectsWholeMessagesThatAreNotUsableEnvelopes(String rule, String payload) {
    long offset = bronze.raw(payload);

    Row rejected = onlyRejected();

    assertThat(rejected.<String>getAs("rule")).isEqualTo(rule);
    assertThat(rejected.<String>getAs("crypto_symbol")).isNull();
    assertThat(rejected.<String>getAs("rejected_record")).isEqualTo(payload);
    assertThat(rejected.<Long>getAs("bronze_offset")).isEqualTo(offset);
  }

  @Test
  void aTimestampLaterThanItsArrivalIsRejectedWhateverTheSource() {
    long tomorrow = LAST_UPDATED + 86_400;
    long replay = bronze.envelope("replay", "/simple/price", quote("bitcoin", "1", tomorrow));
    long afterTheChartsFetch = BronzeFixtures.CHART_FETCHED.plusSeconds(86_400).toEpochMilli();
    long backfill =
        bronze.chart(List.of("ethereum"), "{\"prices\":[[" + afterTheChartsFetch + ",2]]}");
    long withinSkew =
        bronze.envelope("replay", "/simple/price", quote("solana", "1", LAST_UPDATED + 120));
    long futureFetch =
        bronze.raw(
            BronzeFixtures.envelopeJson(
                    "coingecko", "/simple/price", quote("cardano", "1", LAST_UPDATED))
                .replace(BronzeFixtures.FETCHED.toString(), "2030-01-01T00:00:00Z"));

    Dataset<Row> classified = classify();

    assertThat(ObservationParser.rejectedRows(classified).collectAsList())
        .extracting(BronzeFixtures::rejection)
        .containsExactlyInAnyOrder(
            replay + " bitcoin future_observation",
            backfill + " ethereum future_observation",
            futureFetch + " null future_fetched_at");
    assertThat(ObservationParser.cleanRows(classified).collectAsList())
        .extracting(r -> r.<Long>getAs("bronze_offset"))
        .containsExactly(withinSkew);
  }

  @Test
  void aChartForANullOrBlankCoinIdIsRejectedNotStoredUnderNull() {
    String chart = "{\"prices\":[[1711238400000,1]]}";
    long nullId =
        bronze.raw(
            BronzeFixtures.envelopeJson(
                    "backfill", "/coins/{id}/market_chart/range", List.of("NULL-ID"), chart)
                .replace("\"NULL-ID\"", "null")
                .replace(
                    BronzeFixtures.FETCHED.toString(), BronzeFixtures.CHART_FETCHED.toString()),
            BronzeFixtures.CHART_FETCHED);
    long blankId = bronze.chart(List.of(" "), chart);

    Dataset<Row> classified = classify();

    assertThat(ObservationParser.cleanRows(classified).count()).isZero();
    assertThat(ObservationParser.rejectedRows(classified).collectAsList())
        .extracting(BronzeFixtures::rejection)
        .containsExactlyInAnyOrder(
            nullId + " null chart_without_coin", blankId + " null chart_without_coin");
  }

  @Test
  void replaysAndBackfillsAreHistoricalSoNeverStale() {
    bronze.envelope("replay", "/simple/price", quote("bitcoin", "1", LAST_UPDATED - 86_400));
    bronze.envelope("backfill", "/simple/price", quote("ethereum", "1", LAST_UPDATED - 86_400));

    assertThat(ObservationParser.cleanRows(classify()).count()).isEqualTo(2);
  }

  @Test
  void aCopyWithOtherValuesIsQuarantinedAsAConflictAndARealRowIsNotReplacedBySimulation() {
    long kept = bronze.prices(quote("bitcoin", "100", LAST_UPDATED));
    long conflicting = bronze.prices(quote("bitcoin", "100.5", LAST_UPDATED));
    bronze.prices(quote("bitcoin", "100", LAST_UPDATED)); // identical: a cached answer, no conflict
    long simulated =
        bronze.envelope("simulated", "/simple/price", quote("bitcoin", "7", LAST_UPDATED));

    Dataset<Row> classified = classify();

    assertThat(ObservationParser.cleanRows(classified).collectAsList())
        .extracting(r -> r.<Long>getAs("bronze_offset") + " " + r.<Boolean>getAs("is_simulated"))
        .containsExactlyInAnyOrder(kept + " false", simulated + " true");
    List<Row> rejected = ObservationParser.rejectedRows(classified).collectAsList();
    assertThat(rejected)
        .extracting(BronzeFixtures::rejection)
        .containsExactly(conflicting + " bitcoin " + ObservationParser.CONFLICT);
    assertThat(rejected.get(0).<String>getAs("detail"))
        .startsWith("conflicts with the observation kept from Bronze 0/" + kept + ": usd 100.5");
  }

  @Test
  void oneObservationPolledTwiceIsOneRowKeptFromTheEarliestOffset() {
    long first = bronze.prices(quote("bitcoin", "100", LAST_UPDATED));
    bronze.prices(quote("bitcoin", "100", LAST_UPDATED));
    bronze.prices(quote("bitcoin", "101", LAST_UPDATED + 30));

    List<Row> clean =
        ObservationParser.cleanRows(classify()).orderBy("api_timestamp").collectAsList();

    assertThat(clean).hasSize(2);
    assertThat(clean.get(0).<Long>getAs("bronze_offset")).isEqualTo(first);
    assertThat(clean.get(1).<BigDecimal>getAs("price_usd")).isEqualByComparingTo("101");
  }

  /**
   * The accounting invariant: every Bronze row produced Silver rows, quarantine rows, or both. A
   * row whose observation was already seen is accounted for by that observation's key.
   */
  @Test
  void aMessageWithGoodAndBadCoinsFeedsBothTablesAndEveryRowIsAccountedFor() {
    bronze.prices(
        "{\"bitcoin\":{\"usd\":1,\"last_updated_at\":%d},\"ethereum\":{\"usd\":-1,\"last_updated_at\":%d}}"
            .formatted(LAST_UPDATED, LAST_UPDATED));
    bronze.raw("not json");
    bronze.prices(sample("13_simple_price_docs_example_all_include_fields.json")); // bitcoin again
    bronze.prices("{}");

    Dataset<Row> classified = classify();
    Set<String> cleanKeys = new HashSet<>();
    ObservationParser.cleanRows(classified).collectAsList().forEach(r -> cleanKeys.add(keyOf(r)));
    Set<Long> accounted = new HashSet<>();
    ObservationParser.rejectedRows(classified)
        .collectAsList()
        .forEach(r -> accounted.add(r.getAs("bronze_offset")));
    classified.filter("rule IS NULL").collectAsList().stream()
        .filter(r -> cleanKeys.contains(keyOf(r)))
        .forEach(r -> accounted.add(r.getAs("bronze_offset")));

    assertThat(accounted).containsExactlyInAnyOrder(0L, 1L, 2L, 3L);
    assertThat(cleanKeys).hasSize(1);
  }

  @Test
  void splitsALargeBatchByTimeSoThatEachWriteTaskFollowsThePreviousOne() {
    long count = 2 * ObservationParser.ROWS_PER_TIME_SLICE + 1;
    // Seconds in a scrambled order (7919 is prime to the count), as the dedupe's key hash leaves
    // them.
    Dataset<Row> clean =
        spark
            .range(count)
            .select(
                functions.lit("bitcoin").alias("crypto_symbol"),
                functions
                    .timestamp_seconds(functions.col("id").multiply(7919).mod(count))
                    .alias("api_timestamp"));

    Dataset<Row> sliced = ObservationParser.inTimeSlices(clean, count);

    List<Row> tasks =
        sliced
            .groupBy(functions.spark_partition_id().alias("task"))
            .agg(
                functions.min("api_timestamp"),
                functions.max("api_timestamp"),
                functions.count("*"))
            .orderBy("task")
            .collectAsList();
    assertThat(tasks).hasSize(3);
    assertThat(tasks.stream().mapToLong(r -> r.getLong(3)).sum()).isEqualTo(count);
    for (int i = 1; i < tasks.size(); i++) {
      assertThat(tasks.get(i).getTimestamp(1)).isAfter(tasks.get(i - 1).getTimestamp(2));
    }
    assertThat(ObservationParser.inTimeSlices(clean, ObservationParser.ROWS_PER_TIME_SLICE))
        .isSameAs(clean);
  }

  private static String keyOf(Row r) {
    return r.getAs("crypto_symbol") + "@" + r.getAs("api_timestamp");
  }

  private Dataset<Row> classify() {
    return ObservationParser.classify(bronze.dataset(spark), MAX_AGE);
  }

  private Row onlyClean() {
    List<Row> rows = ObservationParser.cleanRows(classify()).collectAsList();
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  private Row onlyRejected() {
    Dataset<Row> classified = classify();
    assertThat(ObservationParser.cleanRows(classified).count()).isZero();
    List<Row> rows = ObservationParser.rejectedRows(classified).collectAsList();
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }
}
