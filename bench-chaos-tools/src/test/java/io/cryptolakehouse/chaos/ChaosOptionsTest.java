package io.cryptolakehouse.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptolakehouse.local.support.UsageError;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosOptionsTest {

  @Test
  void readsTheScenarioAndItsOptions() {
    ChaosOptions o =
        ChaosOptions.parse(
            List.of("bounce-metastore", "--iterations", "4", "--seed", "-7", "--outage", "20"));
    assertThat(o.scenario()).isEqualTo("bounce-metastore");
    assertThat(o.iterations()).isEqualTo(4);
    assertThat(o.seed()).isEqualTo(-7);
    assertThat(o.outage()).isEqualTo(Duration.ofSeconds(20));
    assertThat(o.dataDir().endsWith(java.nio.file.Path.of(".lakehouse-chaos", "bounce-metastore")))
        .isTrue();
    assertThat(o.newScenario()).isInstanceOf(BounceServer.class);
  }

  @Test
  void defaultsToThreeIterationsAndEachServersOwnOutage() {
    ChaosOptions o = ChaosOptions.parse(List.of("all"));
    assertThat(o.iterations()).isEqualTo(3);
    assertThat(o.outage()).isNull();
    assertThat(BounceServer.defaultOutage("metastore")).isEqualTo(Duration.ofMinutes(3));
    assertThat(BounceServer.defaultOutage("kafka")).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.newScenario()).isInstanceOf(AllScenarios.class);
    // Without --outage each bounce takes its server's default (it once read the absent option).
    assertThat(BounceServer.outage(o.outage(), "metastore")).isEqualTo(Duration.ofMinutes(3));
    assertThat(BounceServer.outage(Duration.ofSeconds(15), "metastore"))
        .isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void helpWithoutAScenario() {
    assertThat(ChaosOptions.parse(List.of()).help()).isTrue();
    assertThat(ChaosOptions.parse(List.of("kill-jobs", "--help")).help()).isTrue();
  }

  @Test
  void badInputNamesWhatIsWrong() {
    assertThatThrownBy(() -> ChaosOptions.parse(List.of("kill-everything")))
        .isInstanceOf(UsageError.class)
        .hasMessageContaining("unknown scenario 'kill-everything'");
    assertThatThrownBy(() -> ChaosOptions.parse(List.of("kill-jobs", "--iterations", "0")))
        .hasMessageContaining("--iterations must be a whole number > 0, was '0'");
    assertThatThrownBy(() -> ChaosOptions.parse(List.of("kill-jobs", "--seed", "x")))
        .hasMessageContaining("--seed must be a whole number, was 'x'");
    assertThatThrownBy(() -> ChaosOptions.parse(List.of("poison", "--outage", "10")))
        .hasMessageContaining("--outage goes with the bounce-* scenarios and all");
    assertThatThrownBy(() -> ChaosOptions.parse(List.of("poison", "--iterations")))
        .hasMessageContaining("--iterations needs a value");
    assertThatThrownBy(() -> ChaosOptions.parse(List.of("poison", "--rounds", "2")))
        .hasMessageContaining("unknown option --rounds");
  }
}
