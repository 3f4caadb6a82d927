package io.cryptolakehouse.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.schema_of_variant;
import static org.apache.spark.sql.functions.try_parse_json;
import static org.apache.spark.sql.functions.try_variant_get;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.spark.LocalSpark;
import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.junit.jupiter.api.Test;

/**
 * {@link PrintedNumbers} reads what Spark's own cast of a parsed JSON value ({@code
 * try_variant_get(v, '$', 'DECIMAL(p,s)')}) reads, value for value, booleans apart (Spark reads
 * them as 1 and 0; a price of {@code true} is no number). That the printed numbers read back
 * exactly through Silver is {@code ObservationParserTest.readsEveryPrintedNumberBackExactly}.
 */
class PrintedNumbersTest {

  private static final List<String> TYPES =
      List.of("DECIMAL(38,18)", "DECIMAL(38,8)", "DECIMAL(20,6)");

  /** JSON values, as a quote field may hold them. */
  private static final List<String> VALUES =
      List.of(
          "2.02027e-10",
          "0.00001234",
          "91234.5",
          "1e-12",
          "123456789012.12345",
          "0.12345678901234567",
          "1E+2",
          "9007199254740993",
          "-42.5",
          "0",
          "1e-40",
          "5e-19",
          "4.9e-19",
          "0.0000000000000000005",
          "12345678901234567890123.5",
          "1e25",
          "1e999",
          "99999999999999999999.9999999999999999999",
          "123456789012345678901234567890123456789012",
          "\"1.5\"",
          "\" 2.25 \"",
          "\"1e3\"",
          "\"abc\"",
          "\"NaN\"",
          "\"1e999999999\"",
          "\"\"",
          "true",
          "false",
          "null",
          "[1]",
          "{\"a\":1}",
          "1700000000",
          "1711983682.5");

  private final SparkSession spark = LocalSpark.session();

  @Test
  void readsWhatSparksCastReads() {
    var json = spark.createDataset(VALUES, Encoders.STRING()).toDF("json");
    var parsed = json.select(col("json"), try_parse_json(col("json")).alias("v"));
    for (String type : TYPES) {
      DecimalType decimal = (DecimalType) DataType.fromDDL(type);
      Column sparkWithoutBooleans =
          when(schema_of_variant(col("v")).equalTo("BOOLEAN"), lit(null).cast(type))
              .otherwise(try_variant_get(col("v"), "$", type));
      List<Row> rows =
          parsed.select(col("json"), sparkWithoutBooleans.alias("spark")).collectAsList();
      assertThat(rows).hasSize(VALUES.size());
      for (Row r : rows) {
        String text = r.getAs("json");
        assertThat(
                PrintedNumbers.valueOf(JsonValue.parse(text), decimal.precision(), decimal.scale()))
            .as("%s as %s", text, type)
            .isEqualTo(r.<BigDecimal>getAs("spark"));
      }
    }
  }

  /** Spark's cast of this text throws (it scales by ten to the billionth): a poison value. */
  @Test
  void aStringOfAVanishingNumberIsZeroNotAFailedBatch() {
    assertThat(PrintedNumbers.valueOf(JsonValue.parse("\"1e-999999999\""), 38, 18))
        .isEqualByComparingTo("0");
    assertThat(PrintedNumbers.valueOf(JsonValue.parse("1e-999999999"), 38, 18))
        .isEqualByComparingTo("0");
    assertThat(PrintedNumbers.valueOf(JsonValue.parse("1e999999999"), 38, 18)).isNull();
  }

  @Test
  void aNumberBeyondTheTypeIsNullAndATinyOneRoundsToZeroOrOneUnit() {
    assertThat(PrintedNumbers.fitted(new BigDecimal("1e20"), 38, 18)).isNull();
    assertThat(
            PrintedNumbers.fitted(
                new BigDecimal("99999999999999999999.9999999999999999999"), 38, 18))
        .isNull();
    assertThat(PrintedNumbers.fitted(new BigDecimal("1e-999999999"), 38, 18))
        .isEqualByComparingTo("0")
        .hasScaleOf(18);
    assertThat(PrintedNumbers.fitted(new BigDecimal("5e-19"), 38, 18))
        .isEqualByComparingTo("1e-18");
    assertThat(PrintedNumbers.fitted(new BigDecimal("4.9e-19"), 38, 18)).isEqualByComparingTo("0");
  }
}
