package io.cryptolakehouse.silver;

import static io.cryptolakehouse.silver.BronzeFixtures.LAST_UPDATED;
import static io.cryptolakehouse.silver.BronzeFixtures.quote;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.spark.LocalSpark;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/**
 * Valid rows carry no text through the batch; a row rejected after the row pass gets its own back
 * from its message, exactly as written.
 */
class LateRejectsTest {

  private static final Duration MAX_AGE = Duration.ofMinutes(5);
  private static final long H10 = Instant.parse("2024-03-24T10:00:00Z").getEpochSecond();

  private final SparkSession spark = LocalSpark.session();
  private final BronzeFixtures bronze = new BronzeFixtures();

  @Test
  void validRowsCarryNoRecordWhileEarlyRejectsKeepTheirs() {
    bronze.prices(quote("bitcoin", "100", LAST_UPDATED));
    bronze.prices(quote("ethereum", "-1", LAST_UPDATED));

    Dataset<Row> classified = classify();

    assertThat(classified.filter("rule IS NULL").collectAsList())
        .hasSize(1)
        .allSatisfy(r -> assertThat(r.<String>getAs("record")).isNull());
    assertThat(classified.filter("rule IS NOT NULL").collectAsList())
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.<String>getAs("record"))
                    .isEqualTo(BronzeFixtures.coinValue("ethereum", "-1", LAST_UPDATED)));
    assertThat(classified.filter(LateRejects.isLate()).count()).isZero();
  }

  @Test
  void aConflictGetsItsCoinsTextBackAsWritten() {
    bronze.prices(quote("bitcoin", "100", LAST_UPDATED));
    long conflicting = bronze.prices(quote("bitcoin", "100.50", LAST_UPDATED));
    long stale = bronze.prices(quote("solana", "3", LAST_UPDATED - 3600));

    List<Row> rejected = quarantined(classify());

    assertThat(rejected)
        .extracting(r -> r.<Long>getAs("bronze_offset") + " " + r.getAs("rejected_record"))
        .containsExactlyInAnyOrder(
            conflicting + " " + BronzeFixtures.coinValue("bitcoin", "100.50", LAST_UPDATED),
            stale + " " + BronzeFixtures.coinValue("solana", "3", LAST_UPDATED - 3600));
  }

  @Test
  void copiesOfOneKeyInOneMessageEachGetTheirOwnPoint() {
    long ms = (H10 + 60) * 1000;
    long chart =
        bronze.chart(List.of("bitcoin"), "{\"prices\":[[" + ms + ",1.0],[" + ms + ",2.50]]}");

    assertThat(quarantined(classify()))
        .extracting(LateRejectsTest::withText)
        .containsExactly(chart + " " + ObservationParser.CONFLICT + " [" + ms + ",2.50]");
  }

  @Test
  void aBackfillPointWhoseHourIsObservedGetsItsPointBack() {
    long ms = (H10 + 60) * 1000;
    bronze.chart(List.of("bitcoin"), "{\"prices\":[[" + ms + ",100.5]]}");
    long repeat = bronze.chart(List.of("bitcoin"), "{\"prices\":[[" + ms + ", 100.5 ]]}");
    Dataset<Row> covered =
        BackfillCoverage.apply(
            classify(),
            classify()
                .select("crypto_symbol", "api_timestamp", "bronze_partition", "bronze_offset")
                .where(functions.lit(false)));

    assertThat(quarantined(covered))
        .extracting(LateRejectsTest::withText)
        .containsExactly(repeat + " " + BackfillCoverage.RULE + " [" + ms + ", 100.5 ]");
  }

  private Dataset<Row> classify() {
    return ObservationParser.classify(bronze.dataset(spark), MAX_AGE);
  }

  private List<Row> quarantined(Dataset<Row> classified) {
    return ObservationParser.rejectedRows(
            LateRejects.withRecords(classified, bronze.dataset(spark), MAX_AGE))
        .collectAsList();
  }

  /** "offset rule text" of a quarantined row. */
  private static String withText(Row r) {
    return r.<Long>getAs("bronze_offset")
        + " "
        + r.getAs("rule")
        + " "
        + r.getAs("rejected_record");
  }
}
