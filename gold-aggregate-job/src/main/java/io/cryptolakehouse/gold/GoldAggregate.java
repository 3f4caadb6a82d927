package io.cryptolakehouse.gold;

import io.cryptolakehouse.model.StreamingQueries;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.spark.IcebergStreams;
import io.cryptolakehouse.spark.KafkaTopics;
import io.cryptolakehouse.spark.LakehouseTables;
import io.cryptolakehouse.spark.StreamHistory;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The Gold queries: one streams Silver's appends and updates the Gold tables per micro-batch (see
 * {@link GoldUpdate}); one judges Bronze's coin-markets records (see {@link MarketsQuarantine}).
 * Used by {@link GoldAggregateJob} and the embedded runner.
 */
public final class GoldAggregate {

  public static final String QUERY = StreamingQueries.GOLD;

  /** The job's queries: the Gold tables', then the coin-markets quarantine's. */
  public static final List<String> QUERIES = List.of(QUERY, MarketsQuarantine.QUERY);

  private GoldAggregate() {}

  /** Starts the Gold query (a list, like every job's start, for the runners). */
  public static List<StreamingQuery> start(SparkSession spark, GoldConfig config) {
    String catalog = config.lakehouse().catalog();
    LakehouseTables.ensureExist(
        spark,
        catalog,
        Tables.SILVER_PRICES_CLEAN,
        Tables.BRONZE_COIN_MARKETS_RAW,
        Tables.GOLD_COIN_MARKETS_REJECTED,
        Tables.GOLD_DIM_CRYPTO,
        Tables.GOLD_DIM_TIME,
        Tables.GOLD_FACT_TICKS,
        Tables.GOLD_FACT_HOURLY,
        Tables.GOLD_FACT_CANDLES,
        Tables.GOLD_DAILY_VOLATILITY,
        Tables.GOLD_PRICE_ALERTS);
    if (!config.alertsTopic().isBlank()) {
      KafkaTopics.ensureExist(config.bootstrapServers(), List.of(config.alertsTopic()));
    }
    new AlertOutbox(config).initialize(spark);
    StreamHistory.requireWhole(
        spark, Tables.SILVER_PRICES_CLEAN.qualifiedIn(catalog), QUERY, config.stream());
    Dataset<Row> silver =
        config
            .batchLimits()
            .applyTo(spark.readStream().format("iceberg"))
            .load(Tables.SILVER_PRICES_CLEAN.qualifiedIn(catalog));
    GoldUpdate update = new GoldUpdate(config);
    List<StreamingQuery> queries = new ArrayList<>();
    queries.add(IcebergStreams.eachBatch(silver, QUERY, config.stream(), update::apply));
    if (MarketsQuarantine.hasWork(spark, config)) {
      queries.add(MarketsQuarantine.start(spark, config));
    }
    return queries;
  }
}
