package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.spark.HeldRows;
import io.cryptolakehouse.spark.IcebergAppend;
import io.cryptolakehouse.spark.IcebergMerge;
import io.cryptolakehouse.spark.SideBySide;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One micro-batch of new Silver observations into Gold's day-wide tables: the daily candles,
 * volatility, alerts, the dimensions and the ticks (the candles within an hour and the hourly bars
 * are {@link BarsUpdate}'s, a query of their own). Aggregates are recomputed from Silver for
 * exactly the keys the batch touches (coin × day, coin × drop window) and upserted, so a replayed
 * batch or a late observation gives the same result as a full recompute.
 */
final class GoldUpdate {

  /**
   * A batch's rows ({@code fresh}) and the Silver days around them: from {@code since}, to the day
   * after {@code to} plus the drop {@code window} (seconds).
   */
  private record Slice(
      Dataset<Row> silver,
      Dataset<Row> fresh,
      Instant since,
      Object to,
      long window,
      long batchId) {}

  private static final List<String> TICK_KEY = List.of("coin_id", "api_timestamp", "is_simulated");

  /**
   * What the day-wide tables read of a batch's rows, all that is held: the ticks' columns. Silver's
   * other four (lineage and processing times) would be copied into every held row for nothing.
   */
  private static final Column[] BATCH_COLUMNS = {
    col("crypto_symbol"),
    col("api_timestamp"),
    col("is_simulated"),
    col("price_usd"),
    col("volume_24h"),
    col("market_cap_usd"),
    col("percent_change_24h"),
    col("source")
  };

  private final GoldConfig config;
  private final IcebergAppend ticks;
  private final IcebergMerge candles;
  private final IcebergMerge volatility;
  private final IcebergAppend minutes;
  private final IcebergMerge alerts;
  private final AlertOutbox outbox;
  private final DimCryptoUpdate dimension;

  GoldUpdate(GoldConfig config) {
    this.config = config;
    String catalog = config.lakehouse().catalog();
    ticks = IcebergAppend.unshuffled(Tables.GOLD_FACT_TICKS.qualifiedIn(catalog));
    candles =
        new IcebergMerge(
            Tables.GOLD_FACT_CANDLES.qualifiedIn(catalog),
            Candles.TABLE_KEY,
            "bucket_start",
            Candles.scopeOf(Candles.Interval.D1));
    volatility =
        new IcebergMerge(
            Tables.GOLD_DAILY_VOLATILITY.qualifiedIn(catalog),
            List.of("coin_id", "day", "is_simulated"),
            "day");
    minutes = new IcebergAppend(Tables.GOLD_DIM_TIME.qualifiedIn(catalog));
    alerts =
        new IcebergMerge(
            Tables.GOLD_PRICE_ALERTS.qualifiedIn(catalog), List.of("alert_id"), "window_start");
    outbox = new AlertOutbox(config);
    dimension = new DimCryptoUpdate(config);
  }

  void apply(Dataset<Row> batch, long batchId) {
    try (HeldRows held = HeldRows.whenFirstRead(batch.select(BATCH_COLUMNS))) {
      Dataset<Row> fresh = held.rows();
      // Computes and holds the batch, in the same Spark job.
      Row range = fresh.agg(min(col("api_timestamp")), max(col("api_timestamp"))).first();
      if (range.isNullAt(0)) {
        return;
      }
      // Timestamp or Instant, depending on spark.sql.datetime.java8API.enabled.
      Object from = range.get(0);
      Object to = range.get(1);
      // Volatility and alerts first (what users watch, after the bars); each step is idempotent
      // by key, so the order changes only when a table becomes visible.
      long window = config.dropWindow().toSeconds();
      Instant since = startOfDay(instantOf(from).minusSeconds(2 * window));
      // Read once for the aggregates below (each would scan and decode the days again).
      try (HeldRows around = HeldRows.of(silverAround(fresh.sparkSession(), since, to, window))) {
        updateAggregates(new Slice(around.rows(), fresh, since, to, window, batchId));
      }
      outbox.publishCommitted(fresh.sparkSession());
      // The dimension before the ticks, so they find the coin versions they refer to.
      dimension.refresh(fresh.sparkSession(), batchId);
      Dataset<Row> knownMinutes =
          dimTime(fresh.sparkSession()).where(col("ts").geq(date_trunc("minute", lit(from))));
      // A batch's ticks are its own rows, new unless this very batch wrote them before a crash.
      SideBySide.run(
          () -> minutes.append(TimeDimension.newMinutes(fresh, knownMinutes)),
          () ->
              ticks.appendOnce(
                  tickFacts(fresh, dimCrypto(fresh.sparkSession())),
                  batchId,
                  TICK_KEY,
                  "api_timestamp"));
    }
  }

  private void updateAggregates(Slice slice) {
    Dataset<Row> silver = slice.silver();
    Dataset<Row> fresh = slice.fresh();
    long batchId = slice.batchId();
    // The daily candles and volatility of the days the batch has an observation in, recomputed
    // from Silver: a late observation corrects the day it falls in. One pass, held (a row per
    // coin-day), for both tables; none of its days starts before the slice.
    try (HeldRows days = HeldRows.of(Candles.dailyWithVolatility(sameDays(silver, fresh)))) {
      Instant bound = slice.since();
      SideBySide.run(
          () -> volatility.upsertHeld(DailyVolatility.ofDailyCandles(days.rows()), bound, batchId),
          () -> candles.upsertHeld(days.rows().drop("volatility"), bound, batchId));
    }
    updateAlerts(slice);
  }

  private void updateAlerts(Slice slice) {
    Dataset<Row> silver = slice.silver();
    Dataset<Row> fresh = slice.fresh();
    long window = slice.window();
    // A batch's rows change the look-back of rows up to one window after its latest, no later.
    Dataset<Row> coinsTouched =
        silver
            .filter(col("api_timestamp").leq(shifted(slice.to(), window)))
            .join(
                broadcast(fresh.select("crypto_symbol", "is_simulated").distinct()),
                new String[] {"crypto_symbol", "is_simulated"},
                "left_semi");
    // Observations in the first window of the slice have a cut look-back: episodes starting
    // there belong to the batch that read further back (ids independent of the slice's start).
    long trustedFrom = ChronoUnit.MICROS.between(Instant.EPOCH, slice.since().plusSeconds(window));
    Dataset<Row> episodes =
        PriceDropAlerts.episodesOf(
            coinsTouched, config.dropThresholdPct(), config.dropWindow(), trustedFrom);
    Dataset<Row> known =
        fresh
            .sparkSession()
            .table(Tables.GOLD_PRICE_ALERTS.qualifiedIn(config.lakehouse().catalog()))
            .select("alert_id");
    // Committed first, published after from what the table holds (the outbox): a broker that
    // is away delays the alerts' delivery, never Gold's tables.
    alerts.insertNew(episodes.join(known, new String[] {"alert_id"}, "left_anti"), slice.batchId());
  }

  /**
   * Silver rows of the days the batch spans: from {@code since} (the start of the day of the
   * batch's earliest row less a margin for look-back windows), to the end of the day of {@code to}
   * plus {@code after} (a batch at 23:55 changes the look-back of rows just past midnight). Bounded
   * above too: in a catch-up Silver runs far ahead of Gold, and reading everything after the batch
   * made each batch cost as much as the whole backlog (docs/benchmarks.md).
   */
  private Dataset<Row> silverAround(SparkSession spark, Instant since, Object to, long after) {
    Column until = date_trunc("day", shifted(to, after)).plus(expr("INTERVAL 1 DAY"));
    // The candles' columns are all the daily pass and the drop rule read: the scan decodes and the
    // hold keeps five of Silver's twelve columns, none of the other two decimals.
    return RecentSilver.onlyUsed(
            spark.table(Tables.SILVER_PRICES_CLEAN.qualifiedIn(config.lakehouse().catalog())))
        .filter(
            col("api_timestamp")
                .geq(lit(Timestamp.from(since)))
                .and(col("api_timestamp").lt(until)));
  }

  /** Timestamp or Instant, depending on spark.sql.datetime.java8API.enabled. */
  static Instant instantOf(Object timestamp) {
    return timestamp instanceof Timestamp t ? t.toInstant() : (Instant) timestamp;
  }

  /** The UTC day's start: Silver's days are UTC days, whatever the session's zone. */
  private static Instant startOfDay(Instant at) {
    return at.truncatedTo(ChronoUnit.DAYS);
  }

  private static Column shifted(Object timestamp, long seconds) {
    return lit(timestamp).plus(expr("INTERVAL " + seconds + " SECONDS"));
  }

  /**
   * Silver rows in the same coin × UTC day as some row of the batch. The batch's coin-days are few
   * and sent to every task: held rows carry no size estimate, and Spark would otherwise shuffle the
   * whole slice to join them.
   */
  private static Dataset<Row> sameDays(Dataset<Row> silver, Dataset<Row> fresh) {
    Column day = Candles.utcDayOf(col("api_timestamp"));
    String[] key = {"crypto_symbol", "is_simulated", "day"};
    return silver
        .withColumn("day", day)
        .join(broadcast(fresh.withColumn("day", day).selectExpr(key).distinct()), key, "left_semi")
        .drop("day");
  }

  private Dataset<Row> dimTime(SparkSession spark) {
    return spark.table(Tables.GOLD_DIM_TIME.qualifiedIn(config.lakehouse().catalog()));
  }

  private Dataset<Row> dimCrypto(SparkSession spark) {
    return spark.table(Tables.GOLD_DIM_CRYPTO.qualifiedIn(config.lakehouse().catalog()));
  }

  /**
   * Tick facts with their foreign keys: {@code time_id}, and {@code crypto_id} of the dim_crypto
   * version valid at the observation (null while the coin's attributes have not been polled yet).
   */
  static Dataset<Row> tickFacts(Dataset<Row> silver, Dataset<Row> dimCrypto) {
    Dataset<Row> versions =
        dimCrypto.select(
            col("coin_id").alias("v_coin_id"),
            col("crypto_id"),
            col("valid_from"),
            col("valid_to"));
    Dataset<Row> withVersion =
        silver.join(
            versions,
            silver
                .col("crypto_symbol")
                .equalTo(versions.col("v_coin_id"))
                .and(silver.col("api_timestamp").geq(versions.col("valid_from")))
                .and(
                    versions
                        .col("valid_to")
                        .isNull()
                        .or(silver.col("api_timestamp").lt(versions.col("valid_to")))),
            "left");
    return withVersion.select(
        col("crypto_symbol").alias("coin_id"),
        col("crypto_id"),
        TimeDimension.timeIdOf(silver.col("api_timestamp")).alias("time_id"),
        silver.col("api_timestamp"),
        col("price_usd"),
        col("volume_24h"),
        col("market_cap_usd"),
        col("percent_change_24h"),
        col("source"),
        col("is_simulated"));
  }
}
