package io.cryptolakehouse.silver;

import static io.cryptolakehouse.silver.BronzeFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.spark.LocalSpark;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Backfill bodies ({@code /coins/{id}/market_chart/range}) through Silver's parser and rules. */
class MarketChartTest {

  private static final Duration MAX_AGE = Duration.ofMinutes(5);
  private final SparkSession spark = LocalSpark.session();
  private final BronzeFixtures bronze = new BronzeFixtures();

  @Test
  void parsesTheRecordedRangeResponsePointByPointExactly() {
    bronze.chart(List.of("bitcoin"), sample("05_market_chart_range_3points_jkorf.json"));

    List<Row> clean =
        ObservationParser.cleanRows(classify()).orderBy("api_timestamp").collectAsList();

    assertThat(clean).hasSize(3);
    Row first = clean.get(0);
    assertThat(first.<String>getAs("crypto_symbol")).isEqualTo("bitcoin");
    assertThat(first.<BigDecimal>getAs("price_usd")).isEqualByComparingTo("69702.3087473573");
    assertThat(first.<BigDecimal>getAs("market_cap_usd")).isEqualByComparingTo("1370247487960.09");
    assertThat(first.<BigDecimal>getAs("volume_24h")).isEqualByComparingTo("16408802301.8374");
    assertThat(first.<BigDecimal>getAs("percent_change_24h")).isNull();
    assertThat(first.<String>getAs("source")).isEqualTo("backfill");
    assertThat(first.<Boolean>getAs("is_simulated")).isFalse();
    // Milliseconds are kept: the last point is not on a boundary.
    assertThat(clean.get(2).<Timestamp>getAs("api_timestamp").toInstant())
        .isEqualTo(Instant.ofEpochMilli(1711983682000L));
    assertThat(clean.get(2).<BigDecimal>getAs("volume_24h"))
        .isEqualByComparingTo("30137418199.6431");
  }

  @Test
  void findsMarketCapsAndVolumesByTimestampWhenTheSeriesAreNotAligned() {
    bronze.chart(
        List.of("ethereum"),
        "{\"prices\":[[1711238400000,3500.5],[1711242000000,3510]],"
            + "\"market_caps\":[[1711242000000,2],[1711238400000,1]],"
            + "\"total_volumes\":[[1711242000000,20]]}");

    List<Row> clean =
        ObservationParser.cleanRows(classify()).orderBy("api_timestamp").collectAsList();

    assertThat(clean)
        .extracting(r -> r.<BigDecimal>getAs("market_cap_usd").intValue())
        .containsExactly(1, 2);
    assertThat(clean.get(0).<BigDecimal>getAs("volume_24h")).isNull();
    assertThat(clean.get(1).<BigDecimal>getAs("volume_24h")).isEqualByComparingTo("20");
  }

  @Test
  void rejectsBadPointsOneByOneAndCountsThemPerRule() {
    long offset =
        bronze.chart(
            List.of("bitcoin"),
            "{\"prices\":[[1711238400000,100],[1711242000000,null],[1711245600000,-1],"
                + "[1711249200000,\"abc\"],[1711252800000,0],[\"noon\",5]]}");

    Dataset<Row> classified = classify();
    List<Row> rejected =
        ObservationParser.rejectedRows(classified).orderBy("rule", "detail").collectAsList();

    assertThat(ObservationParser.cleanRows(classified).count()).isEqualTo(1);
    assertThat(rejected)
        .extracting(BronzeFixtures::rejection)
        .containsExactly(
            offset + " bitcoin missing_api_timestamp",
            offset + " bitcoin missing_price",
            offset + " bitcoin non_numeric",
            offset + " bitcoin non_positive_price");
    assertThat(rejected.get(3).<String>getAs("detail")).startsWith("2 points, the first: usd -1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no_points          | bitcoin          | {\"prices\":[],\"market_caps\":[],\"total_volumes\":[]}",
        "no_points          | bitcoin          | {\"market_caps\":[[1711238400000,1]]}",
        "no_points          | bitcoin          | {\"prices\":\"none\"}",
        "api_error_body     | bitcoin          | {\"error\":\"coin not found\"}",
        "body_not_json      | bitcoin          | <html>Just a moment...</html>",
        "chart_without_coin | bitcoin,ethereum | {\"prices\":[[1711238400000,1]]}",
      })
  void rejectsWholeChartBodiesThatCarryNoUsablePoint(String rule, String ids, String body) {
    long offset = bronze.chart(List.of(ids.split(",")), body);

    Dataset<Row> classified = classify();
    List<Row> rejected = ObservationParser.rejectedRows(classified).collectAsList();

    assertThat(ObservationParser.cleanRows(classified).count()).isZero();
    assertThat(rejected).hasSize(1);
    assertThat(rejected.get(0).<String>getAs("rule")).isEqualTo(rule);
    assertThat(rejected.get(0).<Long>getAs("bronze_offset")).isEqualTo(offset);
  }

  private Dataset<Row> classify() {
    return ObservationParser.classify(bronze.dataset(spark), MAX_AGE);
  }
}
