package io.cryptolakehouse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures read from other tools' output: ConsumerPerformance and a JVM's GC log. */
class MeasurementParsingTest {

  @Test
  void readsConsumerPerformanceFigures() {
    // As kafka-tools 4.1 prints them.
    List<String> output =
        List.of(
            "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,"
                + " rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec",
            "2026-11-26 08:26:06:641, 2026-11-26 08:26:14:557, 43.5748, 5.5046, 20000,"
                + " 2526.5285, 5415, 2501, 17.4229, 7996.8013");
    KafkaCeiling.Read read = KafkaCeiling.parse(output, "test");
    assertThat(read.records()).isEqualTo(20000);
    assertThat(read.megabytes()).isEqualTo(43.5748);
    assertThat(read.recordsPerSecond()).isEqualTo(2526.5285);
    assertThat(read.fetchRecordsPerSecond()).isEqualTo(7996.8013);
  }

  @Test
  void aNegativeFetchTimeFallsBackToTheWholeRunsRate() {
    // ConsumerPerformance subtracts the group join from the run; when the join is counted longer
    // than the run, its fetch figures come out negative.
    List<String> output =
        List.of(
            "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,"
                + " rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec",
            "2026-11-26 08:26:02:145, 2026-11-26 08:26:05:110, 41.8567, 14.1170, 20000,"
                + " 6745.3626, 3363, -398, -105.1676, -50251.2563");
    assertThat(KafkaCeiling.parse(output, "test").fetchRecordsPerSecond()).isEqualTo(6745.3626);
  }

  @Test
  void noFiguresIsAnErrorSayingWhere() {
    assertThatThrownBy(() -> KafkaCeiling.parse(List.of("WARN something"), "ceiling-1.log"))
        .hasMessageContaining("ceiling-1.log");
  }

  @Test
  void heapFiguresComeFromTheGcLog() {
    List<String> log =
        List.of(
            "[0.012s][info][gc] Using G1",
            "[2.345s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 120M->40M(256M)"
                + " 5.123ms",
            "[9.100s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 610M->95M(1024M)"
                + " 12.0ms",
            "[20.1s][info][gc] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 400M->80M(1024M)"
                + " 8.0ms");
    ProcessMemory.Heap heap = ProcessMemory.heap(log);
    assertThat(heap.peakUsedMb()).isEqualTo(610);
    assertThat(heap.maxLiveMb()).isEqualTo(95);
    assertThat(heap.committedMb()).isEqualTo(1024);
    assertThat(heap.collections()).isEqualTo(3);
  }

  @Test
  void thisProcessHasResidentMemoryAndThreads() {
    long pid = ProcessHandle.current().pid();
    assertThat(ProcessMemory.rssMb(pid)).isPositive();
    assertThat(ProcessMemory.threads(pid)).isPositive();
    assertThat(ProcessMemory.rssMb(Long.MAX_VALUE)).isZero();
  }
}
