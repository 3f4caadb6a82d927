package io.cryptolakehouse.bronze;

import io.cryptolakehouse.bronze.kafka.ReplaySafeKafkaProvider;
import io.cryptolakehouse.model.StreamingQueries;
import io.cryptolakehouse.model.TableId;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.spark.IcebergStreams;
import io.cryptolakehouse.spark.KafkaTopics;
import io.cryptolakehouse.spark.LakehouseTables;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The Bronze queries: one per topic, each into its own table with its own checkpoint. Used by
 * {@link BronzeIngestJob} under spark-submit and by the embedded local runner.
 */
public final class BronzeIngest {

  public static final String PRICES_QUERY = StreamingQueries.BRONZE_PRICES;
  public static final String MARKETS_QUERY = StreamingQueries.BRONZE_MARKETS;

  private BronzeIngest() {}

  /** Creates the topics and Bronze tables if absent, then starts both queries. */
  public static List<StreamingQuery> start(SparkSession spark, BronzeConfig config) {
    String catalog = config.lakehouse().catalog();
    KafkaTopics.ensureExist(
        config.bootstrapServers(), List.of(config.pricesTopic(), config.marketsTopic()));
    LakehouseTables.ensureExist(
        spark, catalog, Tables.BRONZE_TICKS_RAW, Tables.BRONZE_COIN_MARKETS_RAW);
    return List.of(
        startQuery(spark, config, config.pricesTopic(), Tables.BRONZE_TICKS_RAW, PRICES_QUERY),
        startQuery(
            spark, config, config.marketsTopic(), Tables.BRONZE_COIN_MARKETS_RAW, MARKETS_QUERY));
  }

  private static StreamingQuery startQuery(
      SparkSession spark, BronzeConfig config, String topic, TableId table, String queryName) {
    Dataset<Row> records = kafkaSource(spark, config, topic).load();
    return IcebergStreams.appendTo(
        BronzeRows.fromKafka(records),
        table.qualifiedIn(config.lakehouse().catalog()),
        queryName,
        config.stream());
  }

  static DataStreamReader kafkaSource(SparkSession spark, BronzeConfig config, String topic) {
    DataStreamReader reader =
        spark
            .readStream()
            .format(ReplaySafeKafkaProvider.class.getName())
            .option("kafka.bootstrap.servers", config.bootstrapServers())
            .option("subscribe", topic)
            .option("startingOffsets", config.startingOffsets())
            .option("failOnDataLoss", config.failOnDataLoss())
            // Large API bodies (tens of MB for big /coins/markets pages) must fit a fetch.
            .option("kafka.max.partition.fetch.bytes", String.valueOf(32 * 1024 * 1024));
    if (config.maxOffsetsPerTrigger() > 0) {
      reader = reader.option("maxOffsetsPerTrigger", config.maxOffsetsPerTrigger());
    }
    return reader.option("minPartitions", readTasks(spark, config));
  }

  /** How many tasks at least read a batch: as configured, else one per core of the session. */
  static long readTasks(SparkSession spark, BronzeConfig config) {
    return config.minPartitions() > 0
        ? config.minPartitions()
        : spark.sparkContext().defaultParallelism();
  }
}
