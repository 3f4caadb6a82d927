package io.cryptolakehouse.gold;

import io.cryptolakehouse.model.StreamingQueries;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.spark.IcebergStreams;
import io.cryptolakehouse.spark.KafkaTopics;
import io.cryptolakehouse.spark.LakehouseTables;
import io.cryptolakehouse.spark.StreamHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The Gold queries, each streaming Silver's appends: one updates the candles within an hour and the
 * hourly bars per micro-batch (see {@link BarsUpdate}), so they never wait for the other, which
 * updates the day-wide tables (see {@link GoldUpdate}); a third judges Bronze's coin-markets
 * records (see {@link MarketsQuarantine}). Used by {@link GoldAggregateJob} and the embedded
 * runner.
 */
public final class GoldAggregate {

  public static final String QUERY = StreamingQueries.GOLD;
  public static final String BARS_QUERY = StreamingQueries.GOLD_BARS;

  /** The job's queries: the Gold tables', the bars', then the coin-markets quarantine's. */
  public static final List<String> QUERIES = List.of(QUERY, BARS_QUERY, MarketsQuarantine.QUERY);

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
    String silver = Tables.SILVER_PRICES_CLEAN.qualifiedIn(catalog);
    StreamHistory.requireWhole(spark, silver, QUERY, config.stream());
    // Before the bars had a query of their own, the Gold query wrote them: a lakehouse of that
    // time continues from where it was, rather than from Silver's first snapshot. Judged before
    // the Gold query starts, which would otherwise commit a first batch the bars never read.
    DataStreamReader barsSource = silverStream(spark, config);
    OptionalLong takeOver =
        StreamHistory.takeOverFrom(spark, silver, BARS_QUERY, QUERY, config.stream());
    if (takeOver.isPresent()) {
      barsSource = barsSource.option("stream-from-timestamp", takeOver.getAsLong());
    } else {
      StreamHistory.requireWhole(spark, silver, BARS_QUERY, config.stream());
    }
    GoldUpdate update = new GoldUpdate(config);
    BarsUpdate bars = new BarsUpdate(config);
    List<StreamingQuery> queries = new ArrayList<>();
    queries.add(
        IcebergStreams.eachBatch(
            silverStream(spark, config).load(silver),
            QUERY,
            config.dayWideStream(),
            update::apply));
    queries.add(
        IcebergStreams.eachBatch(
            barsSource.load(silver), BARS_QUERY, config.stream(), bars::apply));
    if (MarketsQuarantine.hasWork(spark, config)) {
      queries.add(MarketsQuarantine.start(spark, config));
    }
    return queries;
  }

  private static DataStreamReader silverStream(SparkSession spark, GoldConfig config) {
    return config.batchLimits().applyTo(spark.readStream().format("iceberg"));
  }
}
