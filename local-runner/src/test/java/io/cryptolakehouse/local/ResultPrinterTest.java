package io.cryptolakehouse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ResultPrinterTest {

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark =
        SparkSession.builder()
            .master("local[1]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.datetime.java8API.enabled", "true")
            .config("spark.sql.jsonGenerator.ignoreNullFields", "false")
            .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static Dataset<Row> result() {
    return spark.sql(
        "SELECT * FROM VALUES"
            + " ('bitcoin', CAST(67187.330000000000000000 AS DECIMAL(38,18)),"
            + "  TIMESTAMP '2026-11-25 19:00:00', 'a \"quoted\", text'),"
            + " ('ethereum', CAST(NULL AS DECIMAL(38,18)), TIMESTAMP '2026-11-25 20:30:00', 'plain')"
            + " AS t(coin_id, price_usd, hour_start, note)");
  }

  private static List<String> print(OutputFormat format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Terminal terminal =
        new Terminal(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            false);
    ResultPrinter.print(result(), format, terminal);
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void jsonLinesKeepExactDecimalsUtcInstantsAndNulls() {
    assertThat(print(OutputFormat.JSONL))
        .containsExactly(
            "{\"coin_id\":\"bitcoin\",\"price_usd\":67187.330000000000000000,"
                + "\"hour_start\":\"2026-11-25T19:00:00.000Z\",\"note\":\"a \\\"quoted\\\", text\"}",
            "{\"coin_id\":\"ethereum\",\"price_usd\":null,"
                + "\"hour_start\":\"2026-11-25T20:30:00.000Z\",\"note\":\"plain\"}");
  }

  @Test
  void csvQuotesWhatNeedsQuotingAndLeavesNullsEmpty() {
    assertThat(print(OutputFormat.CSV))
        .containsExactly(
            "coin_id,price_usd,hour_start,note",
            "bitcoin,67187.33,2026-11-25T19:00:00Z,\"a \"\"quoted\"\", text\"",
            "ethereum,,2026-11-25T20:30:00Z,plain");
  }

  @Test
  void tableAlignsColumnsAndCountsRows() {
    List<String> lines = print(OutputFormat.TABLE);

    assertThat(lines.get(0)).startsWith("coin_id  | price_usd | hour_start");
    assertThat(lines.get(2)).startsWith("bitcoin  | 67187.33  | 2026-11-25T19:00:00Z");
    assertThat(lines.get(3)).startsWith("ethereum | NULL      | 2026-11-25T20:30:00Z");
    assertThat(lines).last().isEqualTo("(2 rows)");
  }
}
