package io.cryptolakehouse.producer.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackfillPlanTest {

  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private static final Duration CHUNK = Duration.ofDays(90);

  @Test
  void aRangeUpTo90DaysIsOneCallPerCoin() {
    List<Chunk> chunks =
        BackfillPlan.ofRange(
            List.of("bitcoin", "ethereum"), NOW.minus(Duration.ofDays(3)), NOW, CHUNK);

    assertThat(chunks)
        .containsExactly(
            new Chunk("bitcoin", NOW.minus(Duration.ofDays(3)), NOW),
            new Chunk("ethereum", NOW.minus(Duration.ofDays(3)), NOW));
  }

  @Test
  void aLongRangeIsSplitIntoEqualContiguousPiecesThatStayHourly() {
    Instant from = NOW.minus(Duration.ofDays(200));

    List<Chunk> chunks = BackfillPlan.ofRange(List.of("bitcoin"), from, NOW, CHUNK);

    assertThat(chunks).hasSize(3);
    assertThat(chunks.get(0).from()).isEqualTo(from);
    assertThat(chunks.get(2).to()).isEqualTo(NOW);
    for (int i = 0; i < chunks.size(); i++) {
      Duration length = Duration.between(chunks.get(i).from(), chunks.get(i).to());
      assertThat(length).isBetween(BackfillPlan.MIN_WINDOW, CHUNK);
      if (i > 0) {
        assertThat(chunks.get(i).from()).isEqualTo(chunks.get(i - 1).to());
      }
    }
  }

  @Test
  void shortGapsAreWidenedToTwoDaysAndOverlappingOnesMerged() {
    Instant gap = Instant.parse("2026-11-10T05:00:00Z");
    List<Chunk> gaps =
        List.of(
            new Chunk("bitcoin", gap, gap.plus(Duration.ofHours(3))),
            new Chunk("bitcoin", gap.plus(Duration.ofHours(20)), gap.plus(Duration.ofHours(21))),
            new Chunk("ethereum", NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(1))));

    List<Chunk> chunks = BackfillPlan.ofGaps(gaps, NOW, CHUNK);

    assertThat(chunks)
        .containsExactly(
            new Chunk("bitcoin", gap, gap.plus(Duration.ofHours(20 + 48))),
            // Near now: the window ends now and reaches back two days.
            new Chunk("ethereum", NOW.minus(BackfillPlan.MIN_WINDOW), NOW));
  }
}
