package io.cryptolakehouse.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamPositionsTest {

  private static final String ICEBERG_OFFSET =
      "{\"version\":1,\"snapshot_id\":%d,\"position\":%d,\"scan_all_files\":%b}";

  @Test
  void readsTheSnapshotsOfTheTwoNewestOffsetEntriesOfEveryCheckpoint(@TempDir Path root)
      throws Exception {
    Path silver = root.resolve("silver-prices");
    offsetEntry(silver, 3, 111);
    offsetEntry(silver, 4, 222);
    offsetEntry(silver, 5, 333);
    Files.createDirectories(silver.resolve("commits"));
    Files.writeString(silver.resolve("commits/4"), "v1\n{}");
    Path bronze = root.resolve("bronze-prices"); // a Kafka source: no snapshot ids
    Files.createDirectories(bronze.resolve("offsets"));
    Files.writeString(bronze.resolve("offsets/0"), "v1\n{}\n{\"crypto.prices.raw\":{\"0\":12}}");
    Path fresh = root.resolve("gold-aggregates"); // started, never committed a batch
    Files.createDirectories(fresh.resolve("sources/0/offsets"));
    Files.writeString(fresh.resolve("sources/0/offsets/0"), ICEBERG_OFFSET.formatted(77, 0, false));

    StreamPositions positions = StreamPositions.read(root.toString(), new Configuration());

    assertThat(positions.readerSnapshots()).containsExactlyInAnyOrder(222L, 333L, 77L);
  }

  @Test
  void aCheckpointOfNoPipelineQueryIsReportedAndKeepsNothing(@TempDir Path root) throws Exception {
    offsetEntry(root.resolve("silver-prices"), 7, 222);
    offsetEntry(root.resolve("silver-prices-before-rename"), 3, 111); // abandoned long ago

    StreamPositions positions = StreamPositions.read(root.toString(), new Configuration());

    assertThat(positions.readerSnapshots()).containsExactly(222L);
    assertThat(positions.ignored()).containsExactly("silver-prices-before-rename");
  }

  @Test
  void rebasesAnInitialOffsetToTheStartOfAKeptSnapshot() {
    String rebased = StreamPositions.rebase(ICEBERG_OFFSET.formatted(-5, 3, true), 42);

    assertThat(rebased).isEqualTo(ICEBERG_OFFSET.formatted(42, 0, false));
    assertThat(StreamPositions.snapshotIds(rebased)).containsExactly(42L);
  }

  @Test
  void noCheckpointsYetMeansNothingToKeep(@TempDir Path root) {
    assertThat(
            StreamPositions.read(root.resolve("absent").toString(), new Configuration())
                .readerSnapshots())
        .isEmpty();
  }

  private static void offsetEntry(Path query, int batch, long snapshot) throws Exception {
    Files.createDirectories(query.resolve("offsets"));
    Files.writeString(
        query.resolve("offsets/" + batch),
        "v1\n{\"batchWatermarkMs\":0}\n" + ICEBERG_OFFSET.formatted(snapshot, 2, false));
  }
}
