package io.cryptolakehouse.local;

import io.cryptolakehouse.model.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Gap repair's first half: the hours in which Silver has no observation of a coin, between the
 * coin's first observation (or the start of the window) and the last complete hour, as ranges of
 * consecutive hours. The producer's backfill then fetches those ranges.
 */
final class BackfillGaps {

  /** A run of missing hours: {@code from} inclusive, {@code to} exclusive. */
  record Gap(String coin, Instant from, Instant to) {
    long hours() {
      return Duration.between(from, to).toHours();
    }
  }

  private BackfillGaps() {}

  static List<Gap> find(
      SparkSession spark, String catalog, List<String> coins, Instant from, Instant to) {
    String silver = Tables.SILVER_PRICES_CLEAN.qualifiedIn(catalog);
    String coinFilter =
        coins.isEmpty()
            ? ""
            : " AND crypto_symbol IN ("
                + String.join(
                    ",", coins.stream().map(c -> "'" + c.replace("'", "''") + "'").toList())
                + ")";
    String sql =
        """
        WITH observed AS (
          SELECT DISTINCT crypto_symbol AS coin, date_trunc('hour', api_timestamp) AS hour
          FROM %s
          WHERE api_timestamp >= TIMESTAMP '%s' AND api_timestamp < TIMESTAMP '%s'%s),
        span AS (SELECT coin, min(hour) AS first_hour FROM observed GROUP BY coin),
        grid AS (
          SELECT coin, explode(sequence(first_hour, TIMESTAMP '%s', INTERVAL 1 HOUR)) AS hour
          FROM span)
        SELECT g.coin, g.hour FROM grid g LEFT ANTI JOIN observed o
          ON g.coin = o.coin AND g.hour = o.hour
        ORDER BY g.coin, g.hour
        """
            .formatted(
                silver,
                sqlInstant(from),
                sqlInstant(to),
                coinFilter,
                sqlInstant(to.minusSeconds(3600)));
    return merge(spark.sql(sql).collectAsList());
  }

  /** Consecutive missing hours of a coin become one gap. */
  static List<Gap> merge(List<Row> missingHours) {
    List<Gap> gaps = new ArrayList<>();
    for (Row row : missingHours) {
      String coin = row.getString(0);
      // Sessions with the Java 8 time API return Instant, others Timestamp.
      Object value = row.get(1);
      Instant hour = value instanceof Timestamp t ? t.toInstant() : (Instant) value;
      Gap last = gaps.isEmpty() ? null : gaps.get(gaps.size() - 1);
      if (last != null && last.coin().equals(coin) && last.to().equals(hour)) {
        gaps.set(gaps.size() - 1, new Gap(coin, last.from(), hour.plusSeconds(3600)));
      } else {
        gaps.add(new Gap(coin, hour, hour.plusSeconds(3600)));
      }
    }
    return gaps;
  }

  /** The producer's gaps file: {@code coin,from,to} per line. */
  static void write(List<Gap> gaps, Path file) {
    List<String> lines = new ArrayList<>();
    lines.add("# coin,from,to (to exclusive): hours without observations in Silver");
    gaps.forEach(g -> lines.add(g.coin() + "," + g.from() + "," + g.to()));
    try {
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  private static String sqlInstant(Instant instant) {
    // Spark SQL timestamp literals are read in the session time zone; the sessions run in UTC.
    return instant.toString().replace("T", " ").replace("Z", "");
  }
}
