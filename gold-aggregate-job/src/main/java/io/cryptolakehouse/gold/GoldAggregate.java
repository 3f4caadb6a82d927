package io.cryptolakehouse.gold;

import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.spark.LakehouseTables;
import io.cryptolakehouse.spark.StreamSettings;
import io.cryptolakehouse.spark.StreamTrigger;
import java.util.concurrent.TimeoutException;
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

  public static StreamingQuery start(SparkSession spark, GoldConfig config) {
    String catalog = config.lakehouse().catalog();
    LakehouseTables.ensureExist(
        spark,
        catalog,
        Tables.SILVER_PRICES_CLEAN,
        Tables.GOLD_DIM_TIME,
        Tables.GOLD_FACT_TICKS,
        Tables.GOLD_FACT_HOURLY,
        Tables.GOLD_DAILY_VOLATILITY,
        Tables.GOLD_PRICE_ALERTS);
    Dataset<Row> silver =
        spark.readStream().format("iceberg").load(Tables.SILVER_PRICES_CLEAN.qualifiedIn(catalog));
    GoldUpdate update = new GoldUpdate(config);
    try {
      return silver
          .writeStream()
          .queryName(QUERY)
          .option("checkpointLocation", config.stream().checkpointFor(QUERY))
          .trigger(StreamTrigger.parse(StreamSettings.TRIGGER, config.stream().trigger()))
          .foreachBatch(update::apply)
          .start();
    } catch (TimeoutException e) {
      throw new IllegalStateException("Query " + QUERY + " did not start", e);
    }
  }
}
