package io.cryptolakehouse.local.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A streaming query of a local session checkpoints on the local disk without child processes. */
class LocalCheckpointsTest {

  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    SparkSession.Builder builder = SparkSession.builder().appName("local-checkpoints");
    LocalSessions.common().forEach(builder::config);
    spark = builder.config("spark.ui.enabled", "false").getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void writesAndResumesItsCheckpointWithoutChmodOrReadlink() throws Exception {
    Path input = Files.createDirectories(dir.resolve("input"));
    Path checkpoint = dir.resolve("checkpoint");
    Files.writeString(input.resolve("a.txt"), "1\n2\n");

    List<String> first = ChildProcesses.startedDuring(() -> drain(input, checkpoint), dir);
    Files.writeString(input.resolve("b.txt"), "3\n");
    List<String> resumed = ChildProcesses.startedDuring(() -> drain(input, checkpoint), dir);

    assertThat(first).noneMatch(LocalCheckpointsTest::isPerFileCommand);
    assertThat(resumed).noneMatch(LocalCheckpointsTest::isPerFileCommand);
    // The second run resumed from the first one's log: one more batch, not the whole input again.
    assertThat(checkpoint.resolve("offsets/0")).exists();
    assertThat(checkpoint.resolve("commits/0")).exists();
    assertThat(checkpoint.resolve("commits/1")).exists();
    assertThat(checkpoint.resolve("commits/2")).doesNotExist();
  }

  private static void drain(Path input, Path checkpoint) throws Exception {
    StreamingQuery query =
        spark
            .readStream()
            .format("text")
            .load(input.toString())
            .writeStream()
            .format("noop")
            .option("checkpointLocation", checkpoint.toString())
            .trigger(Trigger.AvailableNow())
            .start();
    query.awaitTermination();
  }

  private static boolean isPerFileCommand(String command) {
    return command.startsWith("chmod") || command.startsWith("readlink");
  }
}
