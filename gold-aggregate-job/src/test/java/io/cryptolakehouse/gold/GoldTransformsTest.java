package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.spark.LocalSpark;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class GoldTransformsTest {

  private final SparkSession spark = LocalSpark.session();

  @Test
  void hourlyBarOpensAtTheEarliestAndClosesAtTheLatestObservationWhateverTheInputOrder() {
    SilverRows silver =
        new SilverRows()
            .add("bitcoin", "2026-11-25T10:45:00Z", "103", "900")
            .add("bitcoin", "2026-11-25T10:05:00Z", "100", "1000")
            .add("bitcoin", "2026-11-25T10:30:00Z", "110", "950")
            .add("bitcoin", "2026-11-25T10:15:00Z", "95", "990")
            .add("bitcoin", "2026-11-25T11:00:00Z", "120", "800")
            .add("bitcoin", "2026-11-25T10:20:00Z", "200", "1", true);

    List<Row> bars =
        HourlyBars.barsOf(silver.dataset(spark).repartition(4))
            .orderBy("hour_start", "is_simulated")
            .collectAsList();

    assertThat(bars).hasSize(3);
    Row ten = bars.get(0);
    assertThat(ten.<BigDecimal>getAs("open_price")).isEqualByComparingTo("100");
    assertThat(ten.<BigDecimal>getAs("high_price")).isEqualByComparingTo("110");
    assertThat(ten.<BigDecimal>getAs("low_price")).isEqualByComparingTo("95");
    assertThat(ten.<BigDecimal>getAs("close_price")).isEqualByComparingTo("103");
    assertThat(ten.<BigDecimal>getAs("avg_price")).isEqualByComparingTo("102");
    assertThat(ten.<Long>getAs("tick_count")).isEqualTo(4);
    // The rolling 24 h volume at the hour's last tick: never a sum of rolling figures.
    assertThat(ten.<BigDecimal>getAs("last_volume_24h")).isEqualByComparingTo("900");
    assertThat(bars.get(1).<Boolean>getAs("is_simulated")).isTrue();
    assertThat(bars.get(1).<BigDecimal>getAs("open_price")).isEqualByComparingTo("200");
    assertThat(bars.get(2).<BigDecimal>getAs("open_price")).isEqualByComparingTo("120");
  }

  @Test
  void oneAlertPerDropEpisodeNotPerTick() {
    SilverRows silver =
        new SilverRows()
            .add("eth", "2026-11-25T10:00:00Z", "100", null)
            .add("eth", "2026-11-25T10:03:00Z", "99", null)
            .add("eth", "2026-11-25T10:06:00Z", "94", null) // -6% vs 10:00 within 10 min: alert
            .add("eth", "2026-11-25T10:07:00Z", "93", null) // same episode
            .add("eth", "2026-11-25T10:08:00Z", "100", null) // recovered
            .add("eth", "2026-11-25T10:09:00Z", "94.9", null) // -5.1%: a second episode
            .add("sol", "2026-11-25T10:00:00Z", "100", null)
            .add("sol", "2026-11-25T10:11:00Z", "94", null); // -6% but over 11 minutes: none

    List<Row> alerts =
        PriceDropAlerts.episodesOf(silver.dataset(spark), 5.0, Duration.ofMinutes(10))
            .orderBy("window_end")
            .collectAsList();

    assertThat(alerts)
        .extracting(r -> r.<String>getAs("alert_id"))
        .containsExactly("eth@2026-11-25 10:06:00", "eth@2026-11-25 10:09:00");
    assertThat(alerts.get(0).<BigDecimal>getAs("from_price")).isEqualByComparingTo("100");
    assertThat(alerts.get(0).<BigDecimal>getAs("to_price")).isEqualByComparingTo("94");
    assertThat(alerts.get(0).<Double>getAs("pct_change"))
        .isCloseTo(-6.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(alerts.get(0).getAs("window_start").toString()).isEqualTo("2026-11-25 10:00:00.0");
  }

  /**
   * The one-pass rule against its definition as SQL windows (what Gold ran before: a range frame's
   * max and max_by, then lag): the same episodes over random walks with equal prices and gaps.
   */
  @Test
  void theOnePassRuleFindsWhatTheWindowDefinitionFinds() {
    SilverRows silver = new SilverRows();
    java.util.Random random = new java.util.Random(11);
    for (String coin : List.of("a", "b", "c")) {
      Instant at = Instant.parse("2026-11-25T00:00:00Z");
      BigDecimal price = new BigDecimal("100");
      for (int i = 0; i < 1_500; i++) {
        at = at.plusSeconds(1 + random.nextInt(90));
        price =
            price
                .multiply(BigDecimal.valueOf(1 + (random.nextInt(21) - 10) / 1000.0))
                .setScale(1, java.math.RoundingMode.HALF_UP);
        silver.add(coin, at.toString(), price.toPlainString(), null, i % 7 == 0);
      }
    }
    Dataset<Row> rows = silver.dataset(spark).repartition(3);
    String[] compared = {
      "alert_id",
      "coin_id",
      "window_start",
      "window_end",
      "from_price",
      "to_price",
      "pct_change",
      "is_simulated"
    };

    List<Row> onePass =
        PriceDropAlerts.episodesOf(rows, 2.0, Duration.ofMinutes(10))
            .selectExpr(compared)
            .collectAsList();
    List<Row> defined =
        windowDefinition(rows, 2.0, Duration.ofMinutes(10)).selectExpr(compared).collectAsList();

    assertThat(defined).hasSizeGreaterThan(20);
    assertThat(onePass).containsExactlyInAnyOrderElementsOf(defined);
  }

  @Test
  void observationsWithoutASimulatedFlagFormTheirOwnGroup() {
    Dataset<Row> silver =
        new SilverRows()
            .add("eth", "2026-11-25T10:00:00Z", "100", null)
            .add("eth", "2026-11-25T10:06:00Z", "94", null)
            .dataset(spark)
            .withColumn("is_simulated", lit(null).cast("boolean"));

    List<Row> alerts =
        PriceDropAlerts.episodesOf(silver, 5.0, Duration.ofMinutes(10)).collectAsList();

    assertThat(alerts).singleElement().satisfies(a -> assertThat(a.isNullAt(8)).isTrue());
  }

  private static Dataset<Row> windowDefinition(Dataset<Row> silver, double pct, Duration window) {
    org.apache.spark.sql.expressions.WindowSpec perCoin =
        org.apache.spark.sql.expressions.Window.partitionBy("crypto_symbol", "is_simulated")
            .orderBy(unix_seconds(col("api_timestamp")));
    org.apache.spark.sql.expressions.WindowSpec lookBack =
        perCoin.rangeBetween(-window.toSeconds(), 0);
    return silver
        .withColumn("window_max", max(col("price_usd")).over(lookBack))
        .withColumn("window_start", max_by(col("api_timestamp"), col("price_usd")).over(lookBack))
        .withColumn(
            "pct_change",
            col("price_usd")
                .cast("double")
                .divide(col("window_max").cast("double"))
                .minus(1)
                .multiply(100))
        .withColumn("dropping", col("pct_change").leq(-pct))
        .withColumn("was_dropping", coalesce(lag(col("dropping"), 1).over(perCoin), lit(false)))
        .filter(col("dropping").and(col("was_dropping").equalTo(false)))
        .select(
            concat_ws("@", col("crypto_symbol"), col("api_timestamp").cast("string"))
                .alias("alert_id"),
            col("crypto_symbol").alias("coin_id"),
            col("window_start"),
            col("api_timestamp").alias("window_end"),
            col("window_max").alias("from_price"),
            col("price_usd").alias("to_price"),
            col("pct_change"),
            col("is_simulated"));
  }

  @Test
  void dailyVolatilityIsTheSampleStddevOfLogReturns() {
    SilverRows silver =
        new SilverRows()
            .add("ada", "2026-11-25T01:00:00Z", "100", null)
            .add("ada", "2026-11-25T02:00:00Z", "110", null)
            .add("ada", "2026-11-25T03:00:00Z", "99", null)
            .add("ada", "2026-11-26T01:00:00Z", "50", null);

    List<Row> days =
        DailyVolatility.volatilityOf(silver.dataset(spark)).orderBy("day").collectAsList();

    double r1 = Math.log(1.1);
    double r2 = Math.log(0.9);
    double mean = (r1 + r2) / 2;
    double expected = Math.sqrt((Math.pow(r1 - mean, 2) + Math.pow(r2 - mean, 2)) / 1);
    assertThat(days.get(0).<Double>getAs("volatility"))
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(days.get(0).<Long>getAs("observations")).isEqualTo(3);
    assertThat(days.get(1).<Double>getAs("volatility")).isNull(); // one observation: no return
  }

  @Test
  void timeDimensionDescribesEachMinuteOnce() {
    SilverRows silver =
        new SilverRows()
            .add("a", "2026-11-28T23:59:10Z", "1", null) // a Saturday
            .add("b", "2026-11-28T23:59:50Z", "1", null);

    List<Row> minutes = TimeDimension.minutesOf(silver.dataset(spark)).collectAsList();

    assertThat(minutes).hasSize(1);
    Row m = minutes.get(0);
    assertThat(m.<Long>getAs("time_id")).isEqualTo(202611282359L);
    assertThat(m.<Integer>getAs("day_of_week")).isEqualTo(6);
    assertThat(m.<Boolean>getAs("is_weekend")).isTrue();
    assertThat(m.<Integer>getAs("quarter")).isEqualTo(4);
    assertThat(m.<String>getAs("time_str")).isEqualTo("23:59");
  }

  @Test
  void tickFactsPointAtTheCoinVersionValidAtTheObservation() {
    org.apache.spark.sql.types.StructType dimSchema =
        new org.apache.spark.sql.types.StructType()
            .add("crypto_id", "bigint")
            .add("coin_id", "string")
            .add("valid_from", "timestamp")
            .add("valid_to", "timestamp");
    Dataset<Row> dim =
        spark.createDataFrame(
            List.of(
                org.apache.spark.sql.RowFactory.create(
                    1L, "btc", ts("2026-11-25T09:00:00Z"), ts("2026-11-25T10:10:00Z")),
                org.apache.spark.sql.RowFactory.create(
                    2L, "btc", ts("2026-11-25T10:10:00Z"), null)),
            dimSchema);
    SilverRows silver =
        new SilverRows()
            .add("btc", "2026-11-25T10:05:00Z", "1", null)
            .add("btc", "2026-11-25T10:15:00Z", "1", null)
            .add("new-coin", "2026-11-25T10:15:00Z", "1", null);

    List<Row> ticks =
        GoldUpdate.tickFacts(silver.dataset(spark), dim)
            .orderBy("coin_id", "api_timestamp")
            .collectAsList();

    assertThat(ticks).extracting(r -> (Object) r.getAs("crypto_id")).containsExactly(1L, 2L, null);
    assertThat(ticks.get(0).<Long>getAs("time_id")).isEqualTo(202611251005L);
  }

  private static java.sql.Timestamp ts(String iso) {
    return java.sql.Timestamp.from(java.time.Instant.parse(iso));
  }
}
