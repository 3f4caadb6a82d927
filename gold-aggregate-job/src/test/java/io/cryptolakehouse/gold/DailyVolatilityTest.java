package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.to_date;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cryptolakehouse.spark.LocalSpark;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.junit.jupiter.api.Test;

class DailyVolatilityTest {

  private final SparkSession spark = LocalSpark.session();

  @Test
  void theOrderedPassGivesWhatSparksWindowAndAggregatesGive() {
    // Three coins, real and simulated, three days, prices of any scale up to 18 decimals, a coin
    // now and then seen once in a day (no return: no volatility).
    Random random = new Random(7);
    SilverRows rows = new SilverRows();
    Instant t = Instant.parse("2026-11-25T20:00:00Z");
    for (int i = 0; i < 4_000; i++) {
      t = t.plusSeconds(1 + random.nextInt(60));
      String coin = List.of("bitcoin", "ethereum", "pepe").get(random.nextInt(3));
      BigDecimal price = BigDecimal.valueOf(1 + random.nextLong(1L << 40), random.nextInt(19));
      rows.add(coin, t.toString(), price.toPlainString(), null, null, random.nextBoolean());
    }
    rows.add("lonely", "2026-11-26T12:00:00Z", "3", null);
    Dataset<Row> silver = rows.dataset(spark).repartition(3);

    List<Row> folded = sorted(DailyVolatility.volatilityOf(silver));
    List<Row> windowed = sorted(windowAndAggregatesOf(silver));

    assertThat(folded).hasSameSizeAs(windowed).hasSizeGreaterThan(10);
    for (int i = 0; i < folded.size(); i++) {
      Row f = folded.get(i);
      Row w = windowed.get(i);
      for (String exact :
          List.of("coin_id", "day", "observations", "min_price", "max_price", "is_simulated")) {
        assertThat((Object) f.getAs(exact)).as(exact + " of " + w).isEqualTo(w.getAs(exact));
      }
      Double expected = w.getAs("volatility");
      Double actual = f.getAs("volatility");
      if (expected == null) {
        assertThat(actual).as("volatility of " + w).isNull();
      } else {
        // Spark merges partial sums in any order: equal up to the last bits.
        assertThat(actual).as("volatility of " + w).isCloseTo(expected, within(expected * 1e-9));
      }
    }
  }

  /** The volatility as a window ({@code lag}) and Spark's aggregates compute it. */
  private static Dataset<Row> windowAndAggregatesOf(Dataset<Row> silver) {
    Dataset<Row> daily =
        silver.select(
            col("crypto_symbol").alias("coin_id"),
            to_date(col("api_timestamp")).alias("day"),
            col("api_timestamp"),
            col("price_usd"),
            col("is_simulated"));
    return daily
        .withColumn(
            "log_return",
            log(
                col("price_usd")
                    .cast("double")
                    .divide(
                        lag(col("price_usd"), 1)
                            .over(
                                Window.partitionBy("coin_id", "day", "is_simulated")
                                    .orderBy("api_timestamp"))
                            .cast("double"))))
        .groupBy("coin_id", "day", "is_simulated")
        .agg(
            stddev_samp(col("log_return")).alias("volatility"),
            count("*").alias("observations"),
            min(col("price_usd")).alias("min_price"),
            max(col("price_usd")).alias("max_price"));
  }

  private static List<Row> sorted(Dataset<Row> volatility) {
    return volatility.collectAsList().stream()
        .sorted(
            Comparator.comparing(
                r -> r.getAs("coin_id") + " " + r.getAs("day") + " " + r.getAs("is_simulated")))
        .toList();
  }
}
