package io.cryptolakehouse.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.dayofyear;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.minute;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.weekday;
import static org.apache.spark.sql.functions.year;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The minutes the facts refer to, as {@code dim_time} rows: populated from the observations, so the
 * dimension covers exactly the range the facts need (no millions of empty future minutes).
 * Attributes are in UTC.
 */
final class TimeDimension {

  private TimeDimension() {}

  /**
   * {@code time_id} = yyyyMMddHHmm of the minute, the key facts join on. By arithmetic on the
   * calendar fields: formatting a string per tick and parsing it back cost a tick's write more.
   */
  static Column timeIdOf(Column timestamp) {
    return year(timestamp)
        .cast("bigint")
        .multiply(100_000_000L)
        .plus(month(timestamp).multiply(1_000_000))
        .plus(dayofmonth(timestamp).multiply(10_000))
        .plus(hour(timestamp).multiply(100))
        .plus(minute(timestamp));
  }

  /**
   * The batch's minutes {@code dim_time} does not hold yet: most live batches add none, and then
   * nothing is committed (a replayed batch finds its minutes there).
   */
  static Dataset<Row> newMinutes(Dataset<Row> silver, Dataset<Row> dimTime) {
    return minutesOf(silver).join(dimTime.select("time_id"), new String[] {"time_id"}, "left_anti");
  }

  static Dataset<Row> minutesOf(Dataset<Row> silver) {
    Column ts = col("ts");
    return silver
        .select(date_trunc("minute", col("api_timestamp")).alias("ts"))
        .distinct()
        .select(
            timeIdOf(ts).alias("time_id"),
            ts,
            minute(ts).alias("minute"),
            hour(ts).alias("hour"),
            dayofmonth(ts).alias("day"),
            month(ts).alias("month"),
            quarter(ts).alias("quarter"),
            year(ts).alias("year"),
            weekday(ts).plus(1).alias("day_of_week"),
            dayofyear(ts).alias("day_of_year"),
            weekday(ts).geq(5).alias("is_weekend"),
            date_format(ts, "yyyy-MM-dd").alias("date_str"),
            date_format(ts, "HH:mm").alias("time_str"));
  }
}
