package io.cryptolakehouse.bench;

import io.cryptolakehouse.model.TableId;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.model.Topics;
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

/**
 * When each observation became visible, from Iceberg's own metadata: a Silver row is visible from
 * the commit of the snapshot that added its data file (Silver is append-only); an observation is in
 * Gold's hourly bar from the first snapshot whose bar for its coin and hour counts at least its
 * rank within the hour (observations arrive in time order). Published = the Kafka record timestamp
 * of its Bronze message.
 */
final class FreshnessProbe {

  /** Seconds from publish to visible: count and percentiles (NaN when there are none). */
  record Latencies(long count, double p50, double p95, double p99) {}

  private final SparkSession spark;
  private final String silver;
  private final String bronze;
  private final String hourly;
  private final String candles;
  private final String catalog;

  FreshnessProbe(SparkSession spark, String catalog) {
    this.spark = spark;
    this.silver = Tables.SILVER_PRICES_CLEAN.qualifiedIn(catalog);
    this.bronze = Tables.BRONZE_TICKS_RAW.qualifiedIn(catalog);
    this.hourly = Tables.GOLD_FACT_HOURLY.qualifiedIn(catalog);
    this.candles = Tables.GOLD_FACT_CANDLES.qualifiedIn(catalog);
    this.catalog = catalog;
  }

  /** Every Silver observation with its publish time and the commit that made it visible. */
  private Dataset<Row> observations() {
    return spark.sql(
        """
        SELECT s.crypto_symbol, s.api_timestamp, b.kafka_timestamp AS published,
               snap.committed_at AS silver_visible
        FROM (SELECT crypto_symbol, api_timestamp, bronze_partition, bronze_offset, _file
              FROM %1$s) s
        JOIN (SELECT data_file.file_path AS file, snapshot_id FROM %1$s.entries WHERE status < 2) e
          ON s._file = e.file
        JOIN %1$s.snapshots snap ON snap.snapshot_id = e.snapshot_id
        JOIN %2$s b ON b.kafka_topic = '%3$s' AND b.kafka_partition = s.bronze_partition
                   AND b.kafka_offset = s.bronze_offset
        """
            .formatted(silver, bronze, Topics.PRICES_RAW));
  }

  Latencies silver(Instant from, Instant to) {
    observations().createOrReplaceTempView("bench_observations");
    return latencies("silver_visible", "bench_observations", from, to);
  }

  Latencies goldHourly(Instant from, Instant to) {
    return inBars(barsOverTime(hourly, "hour_start", "true"), "HOUR", from, to);
  }

  /** The same for the one-minute candle of each observation's minute. */
  Latencies goldMinuteCandle(Instant from, Instant to) {
    return inBars(
        barsOverTime(candles, "bucket_start", "bucket_interval = '1m'"), "MINUTE", from, to);
  }

  private Latencies inBars(Dataset<Row> bars, String unit, Instant from, Instant to) {
    observations().createOrReplaceTempView("bench_observations");
    bars.createOrReplaceTempView("bench_bars");
    spark
        .sql(
            """
            SELECT o.*, (SELECT min(b.committed_at) FROM bench_bars b
                         WHERE b.coin_id = o.crypto_symbol AND b.hour_start = o.hour_start
                           AND b.tick_count >= o.rank) AS gold_visible
            FROM (SELECT *, date_trunc('%1$s', api_timestamp) AS hour_start,
                         row_number() OVER (PARTITION BY crypto_symbol,
                                            date_trunc('%1$s', api_timestamp)
                                            ORDER BY api_timestamp) AS rank
                  FROM bench_observations) o
            """
                .formatted(unit))
        .createOrReplaceTempView("bench_gold");
    return latencies("gold_visible", "bench_gold", from, to);
  }

  /** Each snapshot's bar tick counts (bucket start as {@code hour_start}), with its commit time. */
  private Dataset<Row> barsOverTime(String table, String start, String where) {
    List<Row> rows = new ArrayList<>();
    for (Row snap :
        spark
            .sql("SELECT snapshot_id, committed_at FROM " + table + ".snapshots")
            .collectAsList()) {
      Timestamp committed = snap.getTimestamp(1);
      for (Row bar :
          spark
              .sql(
                  "SELECT coin_id, %s, tick_count FROM %s VERSION AS OF %d WHERE %s"
                      .formatted(start, table, snap.getLong(0), where))
              .collectAsList()) {
        rows.add(RowFactory.create(bar.get(0), bar.get(1), bar.get(2), committed));
      }
    }
    StructType schema =
        new StructType()
            .add("coin_id", DataTypes.StringType)
            .add("hour_start", DataTypes.TimestampType)
            .add("tick_count", DataTypes.LongType)
            .add("committed_at", DataTypes.TimestampType);
    return spark.createDataFrame(rows, schema);
  }

  private Latencies latencies(String visible, String view, Instant from, Instant to) {
    Row r =
        spark
            .sql(
                """
                SELECT count(%1$s),
                       percentile((unix_micros(%1$s) - unix_micros(published)) / 1e6,
                                  array(0.5, 0.95, 0.99))
                FROM %2$s
                WHERE published >= timestamp_micros(%3$d) AND published < timestamp_micros(%4$d)
                """
                    .formatted(visible, view, micros(from), micros(to)))
            .first();
    List<Double> p = r.isNullAt(1) ? List.of() : r.getList(1);
    return p.isEmpty()
        ? new Latencies(r.getLong(0), Double.NaN, Double.NaN, Double.NaN)
        : new Latencies(r.getLong(0), p.get(0), p.get(1), p.get(2));
  }

  /** True once Gold's hourly bars count every Silver row (the pipeline has drained). */
  boolean drained() {
    Row r =
        spark
            .sql(
                "SELECT (SELECT count(*) FROM %s), (SELECT coalesce(sum(tick_count), 0) FROM %s)"
                    .formatted(silver, hourly))
            .first();
    return r.getLong(0) > 0 && r.getLong(0) == r.getLong(1);
  }

  long snapshots(TableId table) {
    return spark
        .sql("SELECT count(*) FROM " + table.qualifiedIn(catalog) + ".snapshots")
        .first()
        .getLong(0);
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
  }
}
