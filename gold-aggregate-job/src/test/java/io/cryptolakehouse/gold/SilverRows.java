package io.cryptolakehouse.gold;

import io.cryptolakehouse.model.TableDdl;
import io.cryptolakehouse.model.Tables;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Silver rows for Gold tests, in Silver's schema. */
final class SilverRows {

  static final StructType SILVER = StructType.fromDDL(TableDdl.columns(Tables.SILVER_PRICES_CLEAN));

  private final List<Row> rows = new ArrayList<>();

  SilverRows add(String coin, String isoTime, String price, String volume) {
    return add(coin, isoTime, price, volume, false);
  }

  SilverRows add(String coin, String isoTime, String price, String volume, boolean simulated) {
    return add(coin, isoTime, price, volume, null, simulated);
  }

  SilverRows add(
      String coin,
      String isoTime,
      String price,
      String volume,
      String marketCap,
      boolean simulated) {
    Timestamp ts = Timestamp.from(Instant.parse(isoTime));
    rows.add(
        RowFactory.create(
            coin,
            new BigDecimal(price),
            volume == null ? null : new BigDecimal(volume),
            marketCap == null ? null : new BigDecimal(marketCap),
            null,
            ts,
            ts,
            ts,
            simulated ? "simulated" : "coingecko",
            simulated,
            0,
            (long) rows.size()));
    return this;
  }

  Dataset<Row> dataset(SparkSession spark) {
    return spark.createDataFrame(rows, SILVER);
  }
}
