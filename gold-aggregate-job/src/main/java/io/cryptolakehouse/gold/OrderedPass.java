package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Silver's observations through a pass of our own ({@link CandleFold}): every row of a coin, flag
 * and day in one partition, sorted by time, so the pass reads each price once and keeps only the
 * current group's state. Partitioned by day too, so one coin's days still spread over every core.
 */
final class OrderedPass {

  private OrderedPass() {}

  /**
   * The pass's rows for {@code silver}: it receives {@code crypto_symbol}, {@code is_simulated},
   * {@code day_number} ({@code day}), {@code at_micros} and then the {@code values} columns, and
   * returns rows of {@code output}.
   */
  static Dataset<Row> apply(
      Dataset<Row> silver,
      Column day,
      MapPartitionsFunction<Row, Row> pass,
      StructType output,
      String... values) {
    Column[] input =
        Stream.concat(
                Stream.of(
                    col("crypto_symbol"),
                    col("is_simulated"),
                    day.alias("day_number"),
                    expr("unix_micros(api_timestamp)").alias("at_micros")),
                Stream.of(values).map(v -> col(v)))
            .toArray(Column[]::new);
    return silver
        .select(input)
        // A row without a coin, a time or a flag is in no group (Silver writes all three).
        .filter(
            col("crypto_symbol")
                .isNotNull()
                .and(col("at_micros").isNotNull())
                .and(col("is_simulated").isNotNull()))
        .repartition(col("crypto_symbol"), col("is_simulated"), col("day_number"))
        .sortWithinPartitions("crypto_symbol", "is_simulated", "day_number", "at_micros")
        .mapPartitions(pass, Encoders.row(output));
  }
}
