package io.cryptolakehouse.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotCapTest {

  @Test
  void theCutoffIsTheCommitTimeOfTheOldestSnapshotKept() {
    // Out of order on purpose: a table's snapshot list need not be sorted by time.
    List<Long> times = List.of(50L, 10L, 40L, 20L, 30L);

    assertThat(TableMaintenance.newestKept(times, 3)).isEqualTo(30L);
    assertThat(TableMaintenance.newestKept(times, 1)).isEqualTo(50L);
  }

  @Test
  void aTableWithinTheCapHasNoCutoff() {
    assertThat(TableMaintenance.newestKept(List.of(10L, 20L), 2)).isEqualTo(Long.MIN_VALUE);
    assertThat(TableMaintenance.newestKept(List.of(), 1)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void snapshotsSharingTheCutoffMillisecondAreAllKept() {
    // Expiry removes what is strictly older than the cutoff: 4 kept for a cap of 3.
    List<Long> times = List.of(10L, 20L, 20L, 20L, 30L);

    long cutoff = TableMaintenance.newestKept(times, 3);

    assertThat(times.stream().filter(t -> t >= cutoff)).hasSize(4);
  }
}
