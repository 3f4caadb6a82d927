package io.cryptolakehouse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.cryptolakehouse.local.support.UsageError;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void defaultsFollowTheIssue() {
    BenchOptions o = BenchOptions.parse(List.of("ingest"));
    assertThat(o.messages()).isEqualTo(1_000_000);
    assertThat(o.coins()).isEqualTo(10);
    assertThat(o.dataDir()).isEqualTo(Path.of(".lakehouse-bench", "ingest").toAbsolutePath());
    assertThat(o.resultsDir()).isEqualTo(Path.of("bench-results"));
    // layers reads what ingest left
    assertThat(BenchOptions.parse(List.of("layers")).dataDir()).isEqualTo(o.dataDir());
    assertThat(BenchOptions.parse(List.of("footprint")).dataDir())
        .isEqualTo(Path.of(".lakehouse-bench", "footprint").toAbsolutePath());
  }

  @Test
  void optionsAreRead() {
    BenchOptions o =
        BenchOptions.parse(
            List.of("layers", "--messages", "5_000", "--coins", "100", "--data-dir", "/tmp/x"));
    assertThat(o.messages()).isEqualTo(5000);
    assertThat(o.coins()).isEqualTo(100);
    assertThat(o.dataDir()).isEqualTo(Path.of("/tmp/x"));
  }

  @Test
  void scaleTakesIncreasingSizesAndAHundredCoinsByDefault() {
    BenchOptions defaults = BenchOptions.parse(List.of("scale"));
    assertThat(defaults.days()).containsExactly(7, 30, 90);
    assertThat(defaults.coins()).isEqualTo(100);
    assertThat(BenchOptions.parse(List.of("scale", "--days", "1, 2,365")).days())
        .containsExactly(1, 2, 365);
    assertThatThrownBy(() -> BenchOptions.parse(List.of("scale", "--days", "30,7")))
        .isInstanceOf(UsageError.class)
        .hasMessageContaining("increasing");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("scale", "--days", "7,x")))
        .hasMessageContaining("--days must be a whole number, was 'x'");
  }

  @Test
  void jobSettingsFormAProfileForEveryLayer() {
    BenchOptions o =
        BenchOptions.parse(
            List.of(
                "ingest",
                "--conf",
                "spark.crypto.kafka.max-offsets-per-trigger=0",
                "--conf",
                "spark.crypto.silver.max-rows-per-batch=a=b",
                "--conf",
                "spark.sql.codegen.wholeStage=false"));
    assertThat(o.jobSettings())
        .containsOnly(
            entry("spark.crypto.kafka.max-offsets-per-trigger", "0"),
            entry("spark.crypto.silver.max-rows-per-batch", "a=b"),
            entry("spark.sql.codegen.wholeStage", "false"));
    assertThat(BenchOptions.parse(List.of("layers")).jobSettings()).isEmpty();
    for (String bad :
        List.of(
            "kafka.max-offsets-per-trigger=0",
            "spark.crypto.x",
            "spark.crypto.x=",
            "spark.master=local[1]")) {
      assertThatThrownBy(() -> BenchOptions.parse(List.of("ingest", "--conf", bad)))
          .isInstanceOf(UsageError.class)
          .hasMessageContaining(
              "--conf takes spark.crypto.KEY=VALUE or spark.sql.KEY=VALUE, was '" + bad + "'");
    }
    assertThatThrownBy(
            () -> BenchOptions.parse(List.of("footprint", "--conf", "spark.crypto.trigger=1s")))
        .hasMessageContaining("--conf does not apply to footprint");
  }

  @Test
  void metadataSimulatesADayOfCommitsEveryThirtySecondsByDefault() {
    BenchOptions o = BenchOptions.parse(List.of("metadata"));
    assertThat(o.hours()).isEqualTo(24);
    assertThat(o.commitEvery()).isEqualTo(30);
    assertThat(BenchOptions.parse(List.of("metadata", "--hours", "2", "--commit-every", "60")))
        .extracting(BenchOptions::hours, BenchOptions::commitEvery)
        .containsExactly(2, 60);
  }

  @Test
  void badInputIsAUsageErrorNamingTheProblem() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("fast")))
        .isInstanceOf(UsageError.class)
        .hasMessageContaining("unknown scenario 'fast'");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("metadata", "--commit-every", "7")))
        .isInstanceOf(UsageError.class)
        .hasMessageContaining("--commit-every must divide 3600");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("metadata", "--hours", "73")))
        .hasMessageContaining("--hours must be at most 72");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("ingest", "--messages", "0")))
        .hasMessageContaining("--messages must be a whole number > 0, was '0'");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("ingest", "--coins", "251")))
        .hasMessageContaining("--coins must be at most 250");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("ingest", "--messages")))
        .hasMessageContaining("--messages needs a value");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("ingest", "--fast", "1")))
        .hasMessageContaining("unknown option --fast");
  }
}
