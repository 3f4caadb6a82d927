package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.spark.LocalSpark;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class CandlesTest {

  private final SparkSession spark = LocalSpark.session();

  private static final SilverRows SILVER =
      new SilverRows()
          .add("bitcoin", "2026-11-25T10:04:50Z", "103", "900")
          .add("bitcoin", "2026-11-25T10:00:10Z", "100", "1000")
          .add("bitcoin", "2026-11-25T10:04:20Z", "110", "950")
          .add("bitcoin", "2026-11-25T10:00:40Z", "95", "990")
          .add("bitcoin", "2026-11-25T10:07:00Z", "120", "800")
          .add("bitcoin", "2026-11-25T23:59:59Z", "130", "700")
          .add("bitcoin", "2026-11-26T00:00:00Z", "131", "700");

  private Map<String, List<Row>> byInterval() {
    return Candles.of(SILVER.dataset(spark).repartition(4))
        .orderBy("bucket_start")
        .collectAsList()
        .stream()
        .collect(Collectors.groupingBy(r -> r.<String>getAs("bucket_interval")));
  }

  private static Instant start(Row candle) {
    Object at = candle.getAs("bucket_start");
    return at instanceof java.sql.Timestamp t ? t.toInstant() : (Instant) at;
  }

  @Test
  void everyIntervalOpensAtTheEarliestAndClosesAtTheLatestObservationWhateverTheOrder() {
    Map<String, List<Row>> candles = byInterval();

    assertThat(candles).containsOnlyKeys("1m", "5m", "15m", "1h", "1d");
    // 10:00, 10:04, 10:07 and the two around midnight: one-minute buckets with observations only.
    assertThat(candles.get("1m"))
        .extracting(CandlesTest::start)
        .containsExactly(
            Instant.parse("2026-11-25T10:00:00Z"),
            Instant.parse("2026-11-25T10:04:00Z"),
            Instant.parse("2026-11-25T10:07:00Z"),
            Instant.parse("2026-11-25T23:59:00Z"),
            Instant.parse("2026-11-26T00:00:00Z"));
    Row tenOClock = candles.get("1m").get(0);
    assertThat(tenOClock.<BigDecimal>getAs("open_price")).isEqualByComparingTo("100");
    assertThat(tenOClock.<BigDecimal>getAs("close_price")).isEqualByComparingTo("95");
    Row firstFive = candles.get("5m").get(0);
    assertThat(start(firstFive)).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    assertThat(firstFive.<BigDecimal>getAs("open_price")).isEqualByComparingTo("100");
    assertThat(firstFive.<BigDecimal>getAs("high_price")).isEqualByComparingTo("110");
    assertThat(firstFive.<BigDecimal>getAs("low_price")).isEqualByComparingTo("95");
    assertThat(firstFive.<BigDecimal>getAs("close_price")).isEqualByComparingTo("103");
    assertThat(firstFive.<Long>getAs("tick_count")).isEqualTo(4);
    assertThat(firstFive.<BigDecimal>getAs("last_volume_24h")).isEqualByComparingTo("900");
    // 10:07 is the next five minutes; the quarter hour and the hour hold all five of 10:xx.
    assertThat(candles.get("5m")).hasSize(4);
    assertThat(candles.get("15m").get(0).<Long>getAs("tick_count")).isEqualTo(5);
    assertThat(candles.get("1h").get(0).<BigDecimal>getAs("close_price"))
        .isEqualByComparingTo("120");
    // Days are UTC days: 23:59:59 closes the 25th, midnight opens the 26th.
    assertThat(candles.get("1d")).hasSize(2);
    assertThat(candles.get("1d").get(0).<BigDecimal>getAs("close_price"))
        .isEqualByComparingTo("130");
    assertThat(candles.get("1d").get(1).<BigDecimal>getAs("open_price"))
        .isEqualByComparingTo("131");
  }

  @Test
  void aCandleEndsOneIntervalAfterItStarts() {
    byInterval()
        .forEach(
            (interval, candles) ->
                candles.forEach(
                    c -> {
                      Object end = c.getAs("bucket_end");
                      Instant e =
                          end instanceof java.sql.Timestamp t ? t.toInstant() : (Instant) end;
                      long seconds = e.getEpochSecond() - start(c).getEpochSecond();
                      assertThat(seconds)
                          .as(interval)
                          .isEqualTo(
                              Map.of("1m", 60L, "5m", 300L, "15m", 900L, "1h", 3600L, "1d", 86400L)
                                  .get(interval));
                    }));
  }

  @Test
  void theOrderedPassGivesWhatSparksAggregatesGiveForEveryBucket() {
    // Three coins, real and simulated, two days around midnight, prices of any scale up to 18
    // decimals, a volume missing now and then, several observations to a minute.
    Random random = new Random(42);
    SilverRows rows = new SilverRows();
    Instant t = Instant.parse("2026-11-25T22:57:00Z");
    for (int i = 0; i < 3_000; i++) {
      t = t.plusSeconds(1 + random.nextInt(40));
      String coin = List.of("bitcoin", "ethereum", "pepe").get(random.nextInt(3));
      BigDecimal price = BigDecimal.valueOf(1 + random.nextLong(1L << 50), random.nextInt(19));
      String volume = random.nextInt(10) == 0 ? null : String.valueOf(random.nextInt(1_000_000));
      rows.add(coin, t.toString(), price.toPlainString(), volume, null, random.nextBoolean());
    }
    Dataset<Row> silver = rows.dataset(spark).repartition(3);

    assertThat(sorted(Candles.of(silver))).isEqualTo(sorted(aggregatesOf(silver)));
  }

  /** The candles as Spark's hash aggregation computes them: one group per coin and bucket. */
  private static Dataset<Row> aggregatesOf(Dataset<Row> silver) {
    Dataset<Row> bucketed =
        silver.withColumn(
            "b",
            explode(
                array(
                    Arrays.stream(Candles.Interval.values())
                        .map(
                            i ->
                                struct(
                                    lit(i.label).alias("i"),
                                    expr("unix_seconds(api_timestamp) div %d * %d"
                                            .formatted(i.seconds, i.seconds))
                                        .alias("s"),
                                    lit(i.seconds).alias("len")))
                        .toArray(Column[]::new))));
    return bucketed
        .groupBy(
            col("crypto_symbol").alias("coin_id"),
            col("b.i").alias("bucket_interval"),
            timestamp_seconds(col("b.s")).alias("bucket_start"),
            timestamp_seconds(col("b.s").plus(col("b.len"))).alias("bucket_end"),
            col("is_simulated"))
        .agg(
            min_by(col("price_usd"), col("api_timestamp")).alias("open_price"),
            max(col("price_usd")).alias("high_price"),
            min(col("price_usd")).alias("low_price"),
            max_by(col("price_usd"), col("api_timestamp")).alias("close_price"),
            avg(col("price_usd")).cast("DECIMAL(38,18)").alias("avg_price"),
            max_by(col("volume_24h"), col("api_timestamp")).alias("last_volume_24h"),
            count("*").alias("tick_count"));
  }

  private static List<String> sorted(Dataset<Row> candles) {
    return candles
        .selectExpr(
            "coin_id",
            "bucket_interval",
            "bucket_start",
            "bucket_end",
            "is_simulated",
            "open_price",
            "high_price",
            "low_price",
            "close_price",
            "avg_price",
            "last_volume_24h",
            "tick_count")
        .collectAsList()
        .stream()
        .map(Row::toString)
        .sorted()
        .toList();
  }
}
