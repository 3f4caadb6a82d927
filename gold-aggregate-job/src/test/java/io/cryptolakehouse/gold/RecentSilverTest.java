package io.cryptolakehouse.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.spark.HeldRows;
import io.cryptolakehouse.spark.LocalSpark;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The held hours across batches: each batch's own rows kept, not copied, and released in time. */
class RecentSilverTest {

  private static final String TABLE = "recent_silver_test";

  private final SparkSession spark = LocalSpark.session();

  @Test
  void servesEachBatchTheHoursRowsAndReleasesEveryHeldRowWhenClosed() {
    // The table as the first batch reads it: its own row and an older one, out of its hour.
    new SilverRows()
        .add("bitcoin", "2024-03-24T10:05:00Z", "1", "1")
        .add("bitcoin", "2024-03-24T08:30:00Z", "1", "1")
        .dataset(spark)
        .createOrReplaceTempView(TABLE);
    int heldBefore = spark.sparkContext().getPersistentRDDs().size();

    try (RecentSilver recent = new RecentSilver(TABLE)) {
      assertThat(batch(recent, "10", "bitcoin", "10:05")).containsExactly("bitcoin@10:05");
      // Later batches' rows reach the next batches from the held pieces, not from the table.
      assertThat(batch(recent, "10", "bitcoin", "10:20"))
          .containsExactly("bitcoin@10:05", "bitcoin@10:20");
      assertThat(batch(recent, "10", "ethereum", "10:40"))
          .containsExactly("bitcoin@10:05", "bitcoin@10:20", "ethereum@10:40");
      // The next hour folds the pieces into one, this batch's rows included.
      assertThat(batch(recent, "11", "bitcoin", "11:10")).containsExactly("bitcoin@11:10");
      assertThat(batch(recent, "11", "bitcoin", "11:20"))
          .containsExactly("bitcoin@11:10", "bitcoin@11:20");
      // A late row of the previous hour, still held.
      assertThat(batch(recent, "10", "bitcoin", "10:50"))
          .containsExactly("bitcoin@10:05", "bitcoin@10:20", "bitcoin@10:50", "ethereum@10:40");
    }

    assertThat(spark.sparkContext().getPersistentRDDs().size()).isEqualTo(heldBefore);
  }

  /**
   * One batch of one observation ({@code coin} at {@code time} on the fixtures' day) as {@link
   * BarsUpdate} runs it, for the hour from {@code hour}: its rows held, read, then given back.
   */
  private List<String> batch(RecentSilver recent, String hour, String coin, String time) {
    SilverRows rows = new SilverRows().add(coin, "2024-03-24T" + time + ":00Z", "1", "1");
    HeldRows held = HeldRows.whenFirstRead(RecentSilver.onlyUsed(rows.dataset(spark)));
    try {
      assertThat(held.rows().count()).isEqualTo(1);
      Instant from = Instant.parse("2024-03-24T" + hour + ":00:00Z");
      return recent.rowsIn(held, from, from.plusSeconds(3600)).collectAsList().stream()
          .map(RecentSilverTest::keyOf)
          .sorted()
          .toList();
    } finally {
      recent.releaseUnlessKept(held);
    }
  }

  private static String keyOf(Row row) {
    String time = row.<Timestamp>getAs("api_timestamp").toInstant().toString().substring(11, 16);
    return row.getAs("crypto_symbol") + "@" + time;
  }
}
