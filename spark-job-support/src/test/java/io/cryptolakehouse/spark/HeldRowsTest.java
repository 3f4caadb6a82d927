package io.cryptolakehouse.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;

class HeldRowsTest {

  private final SparkSession spark = LocalSpark.session();

  @Test
  void computesTheRowsOnceWhenHeldNow() {
    LongAccumulator computed = spark.sparkContext().longAccumulator();
    try (HeldRows held = HeldRows.of(counted(computed))) {
      assertThat(computed.value()).isEqualTo(1_000);

      assertThat(held.rows().count()).isEqualTo(1_000);
      assertThat(held.rows().agg(max(col("value"))).first().getLong(0)).isEqualTo(999);
      assertThat(computed.value()).isEqualTo(1_000);
    }
  }

  @Test
  void computesTheRowsInTheFirstJobThatReadsThemAndNotAgain() {
    LongAccumulator computed = spark.sparkContext().longAccumulator();
    try (HeldRows held = HeldRows.whenFirstRead(counted(computed))) {
      assertThat(computed.value()).isZero();

      Row first = held.rows().agg(count("*"), max(col("value"))).first();
      assertThat(first.getLong(0)).isEqualTo(1_000);
      assertThat(computed.value()).isEqualTo(1_000);

      assertThat(held.rows().filter(col("value").lt(10)).count()).isEqualTo(10);
      assertThat(held.rows().count()).isEqualTo(1_000);
      assertThat(computed.value()).isEqualTo(1_000);
    }
  }

  /** 1 000 rows over four partitions, counting each row every time it is computed. */
  private Dataset<Row> counted(LongAccumulator computed) {
    return spark
        .range(0, 1_000, 1, 4)
        .map(
            (MapFunction<Long, Long>)
                v -> {
                  computed.add(1);
                  return v;
                },
            Encoders.LONG())
        .toDF("value");
  }
}
