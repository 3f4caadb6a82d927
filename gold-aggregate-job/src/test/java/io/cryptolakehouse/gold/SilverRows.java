package io.cryptolakehouse.gold;

import java.math.BigDecimal;
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

/** Silver rows for Gold tests, in Silver's schema. */
final class SilverRows {

  static final StructType SILVER =
      new StructType()
          .add("crypto_symbol", DataTypes.StringType)
          .add("price_usd", DataTypes.createDecimalType(38, 18))
          .add("volume_24h", DataTypes.createDecimalType(38, 8))
          .add("market_cap_usd", DataTypes.createDecimalType(38, 8))
          .add("percent_change_24h", DataTypes.createDecimalType(38, 18))
          .add("api_timestamp", DataTypes.TimestampType)
          .add("processing_timestamp", DataTypes.TimestampType)
          .add("ingestion_timestamp", DataTypes.TimestampType)
          .add("source", DataTypes.StringType)
          .add("is_simulated", DataTypes.BooleanType)
          .add("bronze_partition", DataTypes.IntegerType)
          .add("bronze_offset", DataTypes.LongType);

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
