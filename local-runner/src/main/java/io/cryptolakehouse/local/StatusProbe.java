package io.cryptolakehouse.local;

import io.cryptolakehouse.local.support.SnapshotRows;
import io.cryptolakehouse.model.TableId;
import io.cryptolakehouse.model.Tables;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the tables say about the pipeline. Row counts come from each table's current snapshot
 * summary (metadata only, no scan); freshness is a max() Iceberg answers from file statistics; the
 * latest prices read the small hourly table.
 */
final class StatusProbe {

  private static final Logger log = LoggerFactory.getLogger(StatusProbe.class);

  static final List<TableId> SHOWN =
      List.of(
          Tables.BRONZE_TICKS_RAW,
          Tables.BRONZE_COIN_MARKETS_RAW,
          Tables.SILVER_PRICES_CLEAN,
          Tables.SILVER_PRICES_REJECTED,
          Tables.GOLD_COIN_MARKETS_REJECTED,
          Tables.GOLD_FACT_TICKS,
          Tables.GOLD_FACT_HOURLY,
          Tables.GOLD_DIM_CRYPTO,
          Tables.GOLD_DAILY_VOLATILITY,
          Tables.GOLD_PRICE_ALERTS);

  private final SparkSession spark;
  private final String catalog;
  private final SnapshotRows rows;

  StatusProbe(SparkSession spark, String catalog) {
    this.spark = spark;
    this.catalog = catalog;
    this.rows = new SnapshotRows(spark, catalog);
  }

  List<Status.TableRows> tableRows() {
    List<Status.TableRows> rows = new ArrayList<>();
    for (TableId table : SHOWN) {
      rows.add(new Status.TableRows(table.namespace(), table.name(), rows(table)));
    }
    return rows;
  }

  Long rows(TableId id) {
    return rows.rows(id);
  }

  Instant newestTick() {
    try {
      Row row =
          spark
              .sql("SELECT max(api_timestamp) FROM " + Tables.GOLD_FACT_TICKS.qualifiedIn(catalog))
              .first();
      return row.isNullAt(0) ? null : instant(row.get(0));
    } catch (Exception e) {
      log.debug("No freshness: {}", e.toString());
      return null;
    }
  }

  /** The pipeline's session yields java.sql.Timestamp, the query session Instant. */
  private static Instant instant(Object value) {
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    return (Instant) value;
  }

  /** Each coin's close of its latest hour: the price at its newest observation. */
  List<Status.CoinPrice> latestPrices() {
    try {
      List<Status.CoinPrice> prices = new ArrayList<>();
      for (Row r :
          spark
              .sql(
                  "SELECT coin_id, max_by(close_price, hour_start), max(hour_start), is_simulated"
                      + " FROM "
                      + Tables.GOLD_FACT_HOURLY.qualifiedIn(catalog)
                      + " GROUP BY coin_id, is_simulated ORDER BY coin_id, is_simulated")
              .collectAsList()) {
        prices.add(
            new Status.CoinPrice(
                r.getString(0),
                (BigDecimal) r.get(1),
                instant(r.get(2)),
                !r.isNullAt(3) && r.getBoolean(3)));
      }
      return prices;
    } catch (Exception e) {
      log.debug("No prices: {}", e.toString());
      return List.of();
    }
  }
}
