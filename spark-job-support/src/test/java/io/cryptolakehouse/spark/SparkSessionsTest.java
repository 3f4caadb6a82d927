package io.cryptolakehouse.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SparkSessionsTest {

  private static final String CACHE = "spark.sql.codegen.cache.maxEntries";

  @AfterEach
  void clearProperty() {
    System.clearProperty(CACHE);
  }

  @Test
  void aJobStartsWithTheLargerCodeCache() {
    assertThat(SparkSessions.defaultsNotIn(new SparkConf(false))).containsEntry(CACHE, "1000");
  }

  /** Gold's bars query must get cores while its day-wide query's batch runs. */
  @Test
  void aJobSchedulesItsQueriesFairly() {
    assertThat(SparkSessions.defaultsNotIn(new SparkConf(false)))
        .containsEntry("spark.scheduler.mode", "FAIR");
  }

  /** How spark-submit passes {@code --conf} to a client-mode driver: spark.* system properties. */
  @Test
  void aValueGivenToSparkSubmitWins() {
    System.setProperty(CACHE, "50");

    assertThat(SparkSessions.defaultsNotIn(new SparkConf())).doesNotContainKey(CACHE);
  }
}
