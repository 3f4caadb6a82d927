package io.cryptolakehouse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;

/** The restart backoff doubles while a layer keeps failing, and starts over once it has run. */
class LayerSupervisorTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private boolean failing = true;

  private final LayerSupervisor supervisor =
      new LayerSupervisor(
          "silver",
          () -> {
            if (failing) {
              throw new IllegalStateException("metastore unreachable");
            }
            return List.<StreamingQuery>of();
          });

  @Test
  void backoffDoublesWhileFailingAndStartsOverAfterAStableRun() {
    supervisor.start(T0);
    assertThat(restartAt()).isEqualTo(T0.plusSeconds(10));
    supervisor.check(T0.plusSeconds(10));
    assertThat(restartAt()).isEqualTo(T0.plusSeconds(30));

    failing = false;
    supervisor.check(T0.plusSeconds(30));
    assertThat(supervisor.states()).isEmpty();
    Instant later = T0.plusSeconds(30).plus(LayerSupervisor.STABLE_AFTER);
    supervisor.check(later);

    failing = true;
    supervisor.start(later.plusSeconds(3_600));
    assertThat(restartAt()).isEqualTo(later.plusSeconds(3_610));
  }

  @Test
  void aShortRunBetweenFailuresKeepsTheBackoffGrowing() {
    supervisor.start(T0);
    failing = false;
    supervisor.check(T0.plusSeconds(10));
    supervisor.check(T0.plusSeconds(70));

    failing = true;
    supervisor.start(T0.plusSeconds(80));
    assertThat(restartAt()).isEqualTo(T0.plusSeconds(100));
  }

  /** The restart time, from the "restarting" state the status view shows. */
  private Instant restartAt() {
    List<Status.QueryState> states = supervisor.states();
    assertThat(states).hasSize(1);
    String detail = states.get(0).error();
    String at = detail.substring(detail.indexOf("restart at ") + 11, detail.length() - 1);
    return Instant.parse(at);
  }
}
