package io.cryptolakehouse.gold;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptolakehouse.model.TableDdl;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.model.envelope.ApiEnvelope;
import io.cryptolakehouse.spark.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class CoinVersionsTest {

  private static final StructType BRONZE =
      new StructType()
          .add("raw_payload", DataTypes.StringType)
          .add("ingestion_timestamp", DataTypes.TimestampType)
          .add("kafka_partition", DataTypes.IntegerType)
          .add("kafka_offset", DataTypes.LongType);

  /** When the fixtures' records reached Bronze: after every fetch they carry. */
  private static final Instant INGESTED = Instant.parse("2026-12-01T00:00:00Z");

  private static final StructType DIM =
      StructType.fromDDL(TableDdl.columns(Tables.GOLD_DIM_CRYPTO));

  private final SparkSession spark = LocalSpark.session();

  @Test
  void readsAttributesOfTheRealMarketsSampleKeyedByIdNotSymbol() throws Exception {
    String body =
        Files.readString(
            Path.of("../test-data/coingecko/04_coins_markets_real_100coins_2023-01-08_jkorf.json"));

    List<Row> latest =
        CoinVersions.latestAttributes(bronze(markets(body, "2023-01-08T16:50:00Z")))
            .collectAsList();

    assertThat(latest).hasSize(100);
    Row btc =
        latest.stream().filter(r -> r.getAs("coin_id").equals("bitcoin")).findFirst().orElseThrow();
    assertThat(btc.<String>getAs("symbol")).isEqualTo("btc");
    assertThat(btc.<String>getAs("name")).isEqualTo("Bitcoin");
    assertThat(btc.<Integer>getAs("market_cap_rank")).isEqualTo(1);
  }

  @Test
  void aNewVersionOnlyWhenAnAttributeChanges() throws Exception {
    String rank1 =
        "[{\"id\":\"bitcoin\",\"symbol\":\"btc\",\"name\":\"Bitcoin\",\"market_cap_rank\":1}]";
    String rank2 =
        "[{\"id\":\"bitcoin\",\"symbol\":\"btc\",\"name\":\"Bitcoin\",\"market_cap_rank\":2}]";
    Dataset<Row> empty = spark.createDataFrame(List.of(), DIM);

    Dataset<Row> first =
        CoinVersions.newVersions(
            CoinVersions.latestAttributes(bronze(markets(rank1, "2026-11-25T10:00:00Z"))), empty);
    List<Row> v1 = first.collectAsList();
    assertThat(v1).hasSize(1);
    Dataset<Row> dim = spark.createDataFrame(v1, DIM);

    Dataset<Row> unchanged =
        CoinVersions.latestAttributes(bronze(markets(rank1, "2026-11-25T10:10:00Z")));
    assertThat(CoinVersions.newVersions(unchanged, dim).count()).isZero();

    Dataset<Row> changed =
        CoinVersions.latestAttributes(bronze(markets(rank2, "2026-11-25T10:20:00Z")));
    List<Row> v2 = CoinVersions.newVersions(changed, dim).collectAsList();
    assertThat(v2).hasSize(1);
    assertThat(v2.get(0).<Integer>getAs("market_cap_rank")).isEqualTo(2);
    assertThat(v2.get(0).<Long>getAs("crypto_id")).isNotEqualTo(v1.get(0).<Long>getAs("crypto_id"));
    List<Row> closed =
        CoinVersions.closedVersions(spark.createDataFrame(v2, DIM), dim).collectAsList();
    assertThat(closed).hasSize(1);
    assertThat(closed.get(0).<Boolean>getAs("is_current")).isFalse();
    assertThat(closed.get(0).<Timestamp>getAs("valid_to"))
        .isEqualTo(v2.get(0).<Timestamp>getAs("valid_from"));

    Dataset<Row> older =
        CoinVersions.latestAttributes(bronze(markets(rank2, "2026-11-25T09:00:00Z")));
    assertThat(CoinVersions.newVersions(older, dim).count())
        .as("out-of-order observation")
        .isZero();
  }

  @Test
  void aRecordFetchedAfterItsOwnArrivalStartsNoVersion() throws Exception {
    String rank1 =
        "[{\"id\":\"bitcoin\",\"symbol\":\"btc\",\"name\":\"Bitcoin\",\"market_cap_rank\":1}]";
    String rank9 =
        "[{\"id\":\"bitcoin\",\"symbol\":\"btc\",\"name\":\"Bitcoin\",\"market_cap_rank\":9}]";

    List<Row> latest =
        CoinVersions.latestAttributes(
                bronze(
                    markets(rank1, "2026-11-30T23:00:00Z"), markets(rank9, "2030-01-01T00:00:00Z")))
            .collectAsList();

    assertThat(latest)
        .singleElement()
        .satisfies(r -> assertThat(r.<Integer>getAs("market_cap_rank")).isEqualTo(1));
  }

  private Dataset<Row> bronze(String... payloads) {
    List<Row> rows = new ArrayList<>();
    for (String p : payloads) {
      rows.add(RowFactory.create(p, java.sql.Timestamp.from(INGESTED), 0, (long) rows.size()));
    }
    return spark.createDataFrame(rows, BRONZE);
  }

  /** Each record's coins (accepted) or its rejection, as "offset coin rule". */
  @Test
  void everyRecordIsUsedOrRejectedWithAReason() throws Exception {
    String good =
        "[{\"id\":\"bitcoin\",\"symbol\":\"btc\",\"name\":\"Bitcoin\",\"market_cap_rank\":1},"
            + "{\"symbol\":\"x\",\"name\":\"No id\"}]";
    Dataset<Row> records =
        bronze(
            markets(good, "2026-11-30T23:00:00Z"),
            "not json",
            "",
            markets(good, "2030-01-01T00:00:00Z"),
            markets(
                "{\"status\":{\"error_code\":429,\"error_message\":\"slow down\"}}",
                "2026-11-30T23:00:00Z"),
            markets("[]", "2026-11-30T23:00:00Z"),
            markets("\"text\"", "2026-11-30T23:00:00Z"),
            markets(good, "yesterday"),
            envelope("/simple/price", good, "2026-11-30T23:00:00Z", 200),
            envelope("/coins/markets", good, "2026-11-30T23:00:00Z", 500));

    List<String> judged =
        MarketRecords.classify(records).collectAsList().stream()
            .map(r -> r.getAs("bronze_offset") + " " + r.getAs("coin_id") + " " + r.getAs("rule"))
            .toList();

    assertThat(judged)
        .containsExactlyInAnyOrder(
            "0 bitcoin null",
            "0 null coin_without_id",
            "1 null envelope_not_json",
            "2 null empty_message",
            "3 null future_fetched_at",
            "4 null api_error_body",
            "5 null no_coins",
            "6 null body_not_a_coin_list",
            "7 null invalid_fetched_at",
            "8 null unexpected_endpoint",
            "9 null non_success_status");
    assertThat(MarketRecords.rejectedRows(MarketRecords.classify(records)).collectAsList())
        .hasSize(10)
        .allSatisfy(r -> assertThat(r.<String>getAs("detail")).isNotBlank());
  }

  private static String markets(String body, String fetchedAt) throws Exception {
    return envelope("/coins/markets", body, fetchedAt, 200);
  }

  private static String envelope(String endpoint, String body, String fetchedAt, int status)
      throws Exception {
    return new ObjectMapper()
        .writeValueAsString(
            new ApiEnvelope(
                1,
                "coingecko",
                "coingecko_v3",
                endpoint,
                List.of("bitcoin"),
                status,
                fetchedAt,
                false,
                body));
  }
}
