package io.cryptolakehouse.gold;

import io.cryptolakehouse.model.TableId;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.spark.KafkaTopics;
import io.cryptolakehouse.spark.LakehouseTables;
import io.cryptolakehouse.spark.StreamSettings;
import io.cryptolakehouse.spark.StreamTrigger;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The Gold query: streams Silver's appends and updates the Gold tables per micro-batch (see {@link
 * GoldUpdate}). Used by {@link GoldAggregateJob} and the embedded runner.
 */
public final class GoldAggregate {

  public static final String QUERY = "gold-aggregates";

  private GoldAggregate() {}

  /** Starts the Gold query (a list, like every job's start, for the runners). */
  public static List<StreamingQuery> start(SparkSession spark, GoldConfig config) {
    String catalog = config.lakehouse().catalog();
    LakehouseTables.ensureExist(
        spark,
        catalog,
        Tables.SILVER_PRICES_CLEAN,
        Tables.BRONZE_COIN_MARKETS_RAW,
        Tables.GOLD_DIM_CRYPTO,
        Tables.GOLD_DIM_TIME,
        Tables.GOLD_FACT_TICKS,
        Tables.GOLD_FACT_HOURLY,
        Tables.GOLD_DAILY_VOLATILITY,
        Tables.GOLD_PRICE_ALERTS);
    if (!config.alertsTopic().isBlank()) {
      KafkaTopics.ensureExist(config.bootstrapServers(), List.of(config.alertsTopic()));
    }
    GoldUpdate update = new GoldUpdate(config);
    return List.of(startQuery(spark, config, Tables.SILVER_PRICES_CLEAN, QUERY, update::apply));
  }

  private static StreamingQuery startQuery(
      SparkSession spark,
      GoldConfig config,
      TableId source,
      String name,
      VoidFunction2<Dataset<Row>, Long> writer) {
    Dataset<Row> appends =
        spark.readStream().format("iceberg").load(source.qualifiedIn(config.lakehouse().catalog()));
    try {
      return appends
          .writeStream()
          .queryName(name)
          .option("checkpointLocation", config.stream().checkpointFor(name))
          .trigger(StreamTrigger.parse(StreamSettings.TRIGGER, config.stream().trigger()))
          .foreachBatch(writer)
          .start();
    } catch (TimeoutException e) {
      throw new IllegalStateException("Query " + name + " did not start", e);
    }
  }
}
