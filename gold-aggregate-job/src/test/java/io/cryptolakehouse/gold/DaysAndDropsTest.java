package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.spark.LocalSpark;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class DaysAndDropsTest {

  private static final double THRESHOLD = 3.0;
  private static final Duration WINDOW = Duration.ofMinutes(30);

  private final SparkSession spark = LocalSpark.session();

  /**
   * Coins real and simulated over three UTC days, with drops of every size and several observations
   * in one second: the one pass finds every daily candle and every episode the two separate passes
   * find, equal in every column.
   */
  @Test
  void onePassGivesTheDailyCandlesAndTheEpisodesOfTheTwoPasses() {
    Dataset<Row> silver = randomSilver(new Random(11), 6_000).repartition(3);
    Instant slice = Instant.parse("2026-11-25T00:00:00Z");
    long trustedFrom = micros(slice.plus(WINDOW));

    Dataset<Row> passed =
        new DaysAndDrops(THRESHOLD, WINDOW.toSeconds(), trustedFrom, Long.MAX_VALUE).over(silver);

    List<Row> days =
        DaysAndDrops.candles(passed)
            .orderBy(col("coin_id"), col("bucket_start"), col("is_simulated"))
            .collectAsList();
    List<Row> expectedDays =
        Candles.dailyWithVolatility(silver)
            .orderBy(col("coin_id"), col("bucket_start"), col("is_simulated"))
            .collectAsList();
    assertThat(days).hasSizeGreaterThan(10).isEqualTo(expectedDays);
    assertThat(alerts(PriceDropAlerts.alertsOf(DaysAndDrops.episodes(passed))))
        .hasSizeGreaterThan(3)
        .isEqualTo(alerts(PriceDropAlerts.episodesOf(silver, THRESHOLD, WINDOW, trustedFrom)));
  }

  /** The drop rule stops at its bound; the candles still read every row of their days. */
  @Test
  void theDropRuleReadsNoRowAfterItsBound() {
    Dataset<Row> silver = randomSilver(new Random(5), 3_000);
    Instant bound = Instant.parse("2026-11-26T06:00:00Z");

    Dataset<Row> passed =
        new DaysAndDrops(THRESHOLD, WINDOW.toSeconds(), Long.MIN_VALUE, micros(bound)).over(silver);

    Dataset<Row> untilBound = silver.filter(col("api_timestamp").leq(Timestamp.from(bound)));
    assertThat(alerts(PriceDropAlerts.alertsOf(DaysAndDrops.episodes(passed))))
        .isEqualTo(alerts(PriceDropAlerts.episodesOf(untilBound, THRESHOLD, WINDOW)));
    assertThat(DaysAndDrops.candles(passed).count())
        .isEqualTo(Candles.dailyWithVolatility(silver).count());
  }

  private static List<Row> alerts(Dataset<Row> alerts) {
    return alerts.drop("detected_at").orderBy(col("alert_id"), col("is_simulated")).collectAsList();
  }

  private Dataset<Row> randomSilver(Random random, int rows) {
    SilverRows silver = new SilverRows();
    Instant t = Instant.parse("2026-11-25T00:00:00Z");
    double[] prices = {100, 0.00001234, 91234.5};
    List<String> coins = List.of("bitcoin", "ethereum", "pepe");
    for (int i = 0; i < rows; i++) {
      // Now and then several observations in one second (a second's peers share a frame); never
      // two at one instant, which Silver's key keeps apart.
      t = random.nextInt(10) == 0 ? t.plusMillis(1) : t.plusSeconds(1 + random.nextInt(60));
      int c = random.nextInt(3);
      // A random walk with a sharp fall now and then.
      prices[c] *= random.nextInt(40) == 0 ? 0.9 : 1 + (random.nextDouble() - 0.5) * 0.01;
      String price = new BigDecimal(prices[c]).setScale(18, RoundingMode.HALF_UP).toPlainString();
      silver.add(coins.get(c), t.toString(), price, "1000", null, random.nextInt(4) == 0);
    }
    return silver.dataset(spark);
  }

  private static long micros(Instant at) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, at);
  }
}
