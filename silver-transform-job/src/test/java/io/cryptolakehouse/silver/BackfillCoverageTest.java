package io.cryptolakehouse.silver;

import static io.cryptolakehouse.silver.BronzeFixtures.quote;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.spark.LocalSpark;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Backfill fills only hours nobody else observed, in the batch or already in Silver. */
class BackfillCoverageTest {

  private static final Duration MAX_AGE = Duration.ofMinutes(5);
  private static final StructType SILVER_ROWS =
      StructType.fromDDL(
          "crypto_symbol STRING, api_timestamp TIMESTAMP, bronze_partition INT, bronze_offset BIGINT");

  /** The day before the fixtures' fetch: live and backfilled data both lie in their past. */
  private static final long H10 = Instant.parse("2024-03-24T10:00:00Z").getEpochSecond();

  private final SparkSession spark = LocalSpark.session();
  private final BronzeFixtures bronze = new BronzeFixtures();

  @Test
  void liveDataOwnsItsHourEvenWhenTheBackfillCameFirst() {
    long backfill = bronze.chart(List.of("bitcoin"), chart(H10 + 60, H10 + 3600 + 60));
    long live = bronze.envelope("replay", "/simple/price", quote("bitcoin", "7", H10 + 1800));

    Dataset<Row> classified = withCoverage(List.of());

    assertThat(cleanKeys(classified))
        .containsExactlyInAnyOrder(live + "@10:30", backfill + "@11:01");
    assertThat(ObservationParser.rejectedRows(classified).collectAsList())
        .extracting(BronzeFixtures::rejection)
        .containsExactly(backfill + " bitcoin " + BackfillCoverage.RULE);
  }

  @Test
  void theEarliestBackfillMessageOwnsAnHourAndARepeatAddsNothing() {
    long first = bronze.chart(List.of("bitcoin"), chart(H10 + 60, H10 + 3600 + 60));
    long repeat = bronze.chart(List.of("bitcoin"), chart(H10 + 60, H10 + 3600 + 60));
    long other = bronze.chart(List.of("ethereum"), chart(H10 + 60));

    Dataset<Row> classified = withCoverage(List.of());

    assertThat(cleanKeys(classified))
        .containsExactlyInAnyOrder(first + "@10:01", first + "@11:01", other + "@10:01");
    List<Row> rejected = ObservationParser.rejectedRows(classified).collectAsList();
    assertThat(rejected)
        .extracting(BronzeFixtures::rejection)
        .containsExactly(repeat + " bitcoin " + BackfillCoverage.RULE);
    assertThat(rejected.get(0).<String>getAs("detail"))
        .startsWith(
            "2 points, the first: bitcoin already has observations in 2024-03-24 10:00 UTC");
  }

  @Test
  void hoursSilverAlreadyHasFromAnotherMessageAreNotFilledButAReplayOfTheOwnerIs() {
    long backfill = bronze.chart(List.of("bitcoin"), chart(H10 + 60, H10 + 3600 + 60));

    Dataset<Row> earlierRowInHour10 = withCoverage(List.of(silverRow(H10 + 300, 0, 999)));
    Dataset<Row> replayOfItself =
        withCoverage(List.of(silverRow(H10 + 60, 0, backfill), silverRow(H10 + 3660, 0, backfill)));

    assertThat(cleanKeys(earlierRowInHour10)).containsExactly(backfill + "@11:01");
    assertThat(cleanKeys(replayOfItself))
        .containsExactlyInAnyOrder(backfill + "@10:01", backfill + "@11:01");
    assertThat(ObservationParser.rejectedRows(replayOfItself).count()).isZero();
  }

  @Test
  void looksUpSilverOnlyAroundTheBatchsBackfillHours() {
    bronze.chart(List.of("bitcoin"), chart(H10 + 60, H10 + 3600 + 60));
    Dataset<Row> silver =
        spark.createDataFrame(
            List.of(
                silverRow(H10 - 1, 0, 1),
                silverRow(H10, 0, 2),
                silverRow(H10 + 7199, 0, 3),
                silverRow(H10 + 7200, 0, 4)),
            SILVER_ROWS);

    Dataset<Row> near =
        BackfillCoverage.silverRowsNear(
            BatchRange.of(ObservationParser.classify(bronze.dataset(spark), MAX_AGE)), silver);

    assertThat(near.collectAsList())
        .extracting(r -> r.<Long>getAs("bronze_offset"))
        .containsExactlyInAnyOrder(2L, 3L);
  }

  @Test
  void aBatchWithoutBackfillIsLeftAsItIsAndSilverIsNotRead() {
    long live = bronze.envelope("replay", "/simple/price", quote("bitcoin", "7", H10 + 1800));
    Dataset<Row> classified = ObservationParser.classify(bronze.dataset(spark), MAX_AGE);
    Dataset<Row> unreadable =
        spark
            .range(1)
            .select(
                functions.raise_error(functions.lit("Silver was read")).alias("crypto_symbol"),
                functions.lit(null).cast("timestamp").alias("api_timestamp"),
                functions.lit(0).alias("bronze_partition"),
                functions.lit(0L).alias("bronze_offset"));

    Dataset<Row> covered =
        BackfillCoverage.applyAgainst(classified, unreadable, BatchRange.of(classified));

    assertThat(covered).isSameAs(classified);
    assertThat(cleanKeys(covered)).containsExactly(live + "@10:30");
  }

  @Test
  void aBatchWithBackfillIsCheckedAgainstSilver() {
    long backfill = bronze.chart(List.of("bitcoin"), chart(H10 + 60, H10 + 3600 + 60));
    Dataset<Row> classified = ObservationParser.classify(bronze.dataset(spark), MAX_AGE);
    Dataset<Row> silver = spark.createDataFrame(List.of(silverRow(H10 + 300, 0, 999)), SILVER_ROWS);

    assertThat(
            cleanKeys(BackfillCoverage.applyAgainst(classified, silver, BatchRange.of(classified))))
        .containsExactly(backfill + "@11:01");
  }

  private Dataset<Row> withCoverage(List<Row> silverRows) {
    Dataset<Row> classified = ObservationParser.classify(bronze.dataset(spark), MAX_AGE);
    return BackfillCoverage.apply(classified, spark.createDataFrame(silverRows, SILVER_ROWS));
  }

  private static List<String> cleanKeys(Dataset<Row> classified) {
    return ObservationParser.cleanRows(classified).collectAsList().stream()
        .map(
            r ->
                r.<Long>getAs("bronze_offset")
                    + "@"
                    + r.<Timestamp>getAs("api_timestamp").toInstant().toString().substring(11, 16))
        .toList();
  }

  private static Row silverRow(long epochSecond, int partition, long offset) {
    return RowFactory.create(
        "bitcoin", Timestamp.from(Instant.ofEpochSecond(epochSecond)), partition, offset);
  }

  /** A chart body with one price point per epoch second given. */
  private static String chart(long... epochSeconds) {
    StringBuilder prices = new StringBuilder();
    for (long s : epochSeconds) {
      prices.append(prices.isEmpty() ? "" : ",").append("[").append(s * 1000).append(",100.5]");
    }
    return "{\"prices\":[" + prices + "]}";
  }
}
