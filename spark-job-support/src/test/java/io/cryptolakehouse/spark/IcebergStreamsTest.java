package io.cryptolakehouse.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;

class IcebergStreamsTest {

  @Test
  void aQuerySubmitsItsBatchesInASchedulerPoolNamedAfterIt() throws Exception {
    SparkSession spark = LocalSpark.session();
    StreamSettings settings =
        new StreamSettings(
            Files.createTempDirectory("pools").toString(), "200 milliseconds", false);
    List<String> pools = new CopyOnWriteArrayList<>();
    spark.sparkContext().setLocalProperty(IcebergStreams.POOL, "callers-pool");
    StreamingQuery query =
        IcebergStreams.eachBatch(
            spark.readStream().format("rate").option("rowsPerSecond", 5).load(),
            "pool-test",
            settings,
            (batch, id) ->
                pools.add(
                    batch.sparkSession().sparkContext().getLocalProperty(IcebergStreams.POOL)));
    try {
      await().atMost(Duration.ofMinutes(1)).until(() -> !pools.isEmpty());
    } finally {
      query.stop();
    }
    assertThat(pools).containsOnly("pool-test");
    // The starting thread keeps its own pool.
    assertThat(spark.sparkContext().getLocalProperty(IcebergStreams.POOL))
        .isEqualTo("callers-pool");
    spark.sparkContext().setLocalProperty(IcebergStreams.POOL, null);
  }
}
