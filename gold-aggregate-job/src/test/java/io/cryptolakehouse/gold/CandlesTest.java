package io.cryptolakehouse.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.spark.LocalSpark;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
}
