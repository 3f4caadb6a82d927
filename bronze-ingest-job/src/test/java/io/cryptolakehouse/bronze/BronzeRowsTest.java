package io.cryptolakehouse.bronze;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.spark.LocalSpark;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class BronzeRowsTest {

  /** The Kafka source's schema. */
  static final StructType KAFKA =
      new StructType()
          .add("key", DataTypes.BinaryType)
          .add("value", DataTypes.BinaryType)
          .add("topic", DataTypes.StringType)
          .add("partition", DataTypes.IntegerType)
          .add("offset", DataTypes.LongType)
          .add("timestamp", DataTypes.TimestampType)
          .add("timestampType", DataTypes.IntegerType);

  private final SparkSession spark = LocalSpark.session();
  private final Timestamp sent = Timestamp.valueOf("2026-11-25 10:00:00");

  @Test
  void keepsEveryValueVerbatimWithItsKafkaCoordinates() {
    String envelope = "{\"envelope_version\":1,\"body\":\"{\\\"bitcoin\\\":{\\\"usd\\\":1}}\"}";
    String huge = "x".repeat(1_048_576);
    List<Row> input =
        List.of(
            record("bitcoin", envelope, 0, 10),
            record("k", "<html>not json</html>", 1, 11),
            record(null, "", 2, 12),
            record("k", huge, 0, 13),
            record("k", null, 1, 14));

    List<Row> out = BronzeRows.fromKafka(spark.createDataFrame(input, KAFKA)).collectAsList();

    assertThat(out).hasSize(5);
    assertThat(out)
        .extracting(r -> (Object) r.getAs("raw_payload"))
        .containsExactly(envelope, "<html>not json</html>", "", huge, null);
    assertThat(out)
        .extracting(r -> r.<Integer>getAs("kafka_partition") + "/" + r.<Long>getAs("kafka_offset"))
        .containsExactly("0/10", "1/11", "2/12", "0/13", "1/14");
    assertThat(out.get(0).<String>getAs("kafka_key")).isEqualTo("bitcoin");
    assertThat(out.get(2).<String>getAs("kafka_key")).isNull();
    assertThat(out.get(0).<String>getAs("kafka_topic")).isEqualTo("crypto.prices.raw");
    assertThat(out.get(0).<Timestamp>getAs("kafka_timestamp")).isEqualTo(sent);
    assertThat(out)
        .allSatisfy(r -> assertThat(r.<Timestamp>getAs("ingestion_timestamp")).isNotNull());
  }

  @Test
  void producesExactlyTheBronzeTableColumns() {
    Dataset<Row> out = BronzeRows.fromKafka(spark.createDataFrame(List.of(), KAFKA));

    assertThat(out.columns())
        .containsExactly(
            "raw_payload",
            "ingestion_timestamp",
            "kafka_offset",
            "kafka_partition",
            "kafka_topic",
            "kafka_key",
            "kafka_timestamp");
  }

  private Row record(String key, String value, int partition, long offset) {
    return RowFactory.create(
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        value == null ? null : value.getBytes(StandardCharsets.UTF_8),
        "crypto.prices.raw",
        partition,
        offset,
        sent,
        0);
  }
}
