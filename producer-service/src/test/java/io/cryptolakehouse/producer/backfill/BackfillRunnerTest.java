package io.cryptolakehouse.producer.backfill;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptolakehouse.producer.coingecko.ApiPlan;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackfillRunnerTest {

  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-11-26T02:30:00Z"), ZoneOffset.UTC);

  @Test
  void refusesHistoryBeyondWhatTheKeylessAndDemoPlansServeNamingTheSetting() {
    BackfillRunner runner = runner(ApiPlan.DEMO, 400, null);

    assertThatThrownBy(() -> runner.run(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("crypto.backfill.days (BACKFILL_DAYS)")
        .hasMessageContaining("last 365 days");
  }

  @Test
  void refusesARangeThatEndsBeforeItStarts() {
    BackfillRunner runner = runner(ApiPlan.PRO, 7, "2026-12-01");

    assertThatThrownBy(() -> runner.run(null))
        .hasMessageContaining(
            "crypto.backfill.from (BACKFILL_FROM) 2026-12-01T00:00:00Z is not before");
  }

  private static BackfillRunner runner(ApiPlan plan, int days, String from) {
    BackfillProperties props =
        new BackfillProperties(true, days, from, null, "bitcoin", 90, null, null, "coingecko");
    return new BackfillRunner(props, List.of("bitcoin"), plan, null, null, NOW);
  }
}
