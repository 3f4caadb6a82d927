package io.cryptolakehouse.local.support;

import io.cryptolakehouse.bronze.BronzeConfig;
import io.cryptolakehouse.bronze.BronzeIngest;
import io.cryptolakehouse.bronze.BronzeIngestJob;
import io.cryptolakehouse.gold.GoldAggregate;
import io.cryptolakehouse.gold.GoldAggregateJob;
import io.cryptolakehouse.gold.GoldConfig;
import io.cryptolakehouse.model.TableId;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.silver.SilverConfig;
import io.cryptolakehouse.silver.SilverTransform;
import io.cryptolakehouse.silver.SilverTransformJob;
import io.cryptolakehouse.spark.JobSettings;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The pipeline's three layers, in the order they start (Bronze creates the topics and the tables
 * the others read): each one's name, its streaming queries and output table, the trigger a local
 * run gives it, its spark-submit main, and how to start its queries in a session. The local runner,
 * the benchmarks and the fault-injection suite all start layers through this one list.
 */
public enum Layer {
  BRONZE(
      List.of(BronzeIngest.PRICES_QUERY, BronzeIngest.MARKETS_QUERY),
      Tables.BRONZE_TICKS_RAW,
      "5 seconds",
      BronzeIngestJob::main,
      (spark, settings) -> BronzeIngest.start(spark, BronzeConfig.from(settings))),
  SILVER(
      List.of(SilverTransform.QUERY),
      Tables.SILVER_PRICES_CLEAN,
      "10 seconds",
      SilverTransformJob::main,
      (spark, settings) -> List.of(SilverTransform.start(spark, SilverConfig.from(settings)))),
  // Gold's batches recompute whole hours and days: a slower trigger batches more per commit.
  GOLD(
      GoldAggregate.QUERIES,
      Tables.GOLD_FACT_TICKS,
      "15 seconds",
      GoldAggregateJob::main,
      (spark, settings) -> GoldAggregate.start(spark, GoldConfig.from(settings)));

  /** A job's {@code main}, as spark-submit calls it. */
  @FunctionalInterface
  public interface JobMain {
    void run(String[] args) throws Exception;
  }

  private final List<String> queries;
  private final TableId output;
  private final String localTrigger;
  private final JobMain main;
  private final BiFunction<SparkSession, JobSettings, List<StreamingQuery>> starter;

  Layer(
      List<String> queries,
      TableId output,
      String localTrigger,
      JobMain main,
      BiFunction<SparkSession, JobSettings, List<StreamingQuery>> starter) {
    this.queries = queries;
    this.output = output;
    this.localTrigger = localTrigger;
    this.main = main;
    this.starter = starter;
  }

  /** As users and logs name it: {@code bronze}, {@code silver}, {@code gold}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Its streaming queries' names (their checkpoints are directories of these names). */
  public List<String> queries() {
    return queries;
  }

  /** The trigger interval a local run gives it (the jobs' own default is 30 seconds). */
  public String localTrigger() {
    return localTrigger;
  }

  /** The table it commits to on every batch with new data: where its progress shows. */
  public TableId outputTable() {
    return output;
  }

  /**
   * Runs the layer's job as spark-submit does (its own process, as Compose and the chaos suite).
   */
  public void runJob(String[] args) throws Exception {
    main.run(args);
  }

  /** Starts the layer's queries in {@code spark} with {@code settings} (spark.crypto.* keys). */
  public List<StreamingQuery> start(SparkSession spark, JobSettings settings) {
    return starter.apply(spark, settings);
  }

  /** The layer named {@code id}; a message listing the names otherwise. */
  public static Layer of(String id) {
    return Arrays.stream(values())
        .filter(l -> l.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown layer '"
                        + id
                        + "'; one of "
                        + Arrays.stream(values()).map(Layer::id).toList()));
  }
}
