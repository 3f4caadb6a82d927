package io.cryptolakehouse.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The short version of the fault-injection suite, through the documented command: {@code
 * ./run-chaos.sh all --iterations 1} kills each layer job once (Bronze and Gold right after an
 * Iceberg commit, Silver at a random moment), bounces Kafka, S3 and the metastore once, publishes
 * every poison class once and runs maintenance once beside the streams — on one pipeline of real
 * servers and job processes — then drains and checks every invariant. The long version is
 * documented in docs/reliability.md.
 */
class ChaosIT {

  private static final Path SCRIPT = Path.of("..", "run-chaos.sh").toAbsolutePath().normalize();
  private static final Path WORK = Path.of("target", "chaos-it").toAbsolutePath();

  @Test
  void everyScenarioOnceOnOnePipelineKeepsEveryInvariant() throws Exception {
    Files.createDirectories(WORK);
    Path out = WORK.resolve("run-chaos.out");
    ProcessBuilder builder =
        new ProcessBuilder(
                "bash",
                SCRIPT.toString(),
                "all",
                "--iterations",
                "1",
                "--outage",
                "15",
                "--seed",
                "20261126",
                "--data-dir",
                WORK.resolve("data").toString())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    builder.environment().put("RUN_LOCAL_SKIP_BUILD", "1");
    builder.environment().put("RUN_LOCAL_JAVA_OPTS", "-Xmx2g");
    Process run = builder.start();
    boolean finished = run.waitFor(45, TimeUnit.MINUTES);
    if (!finished) {
      run.destroy(); // its shutdown hook stops the servers and jobs it started
      run.waitFor(60, TimeUnit.SECONDS);
    }
    List<String> lines = Files.readAllLines(out);
    String printed = String.join("\n", lines);
    assertThat(finished).as("run-chaos finished; it printed:\n%s", printed).isTrue();
    JsonNode report = new ObjectMapper().readTree(lines.get(lines.size() - 1));

    assertThat(report.path("violations")).as(printed).isEmpty();
    assertThat(report.path("ok").asBoolean()).as(printed).isTrue();
    assertThat(run.exitValue()).as(printed).isZero();
    // 3 job kills, 3 server bounces, 1 maintenance run: each recovered from.
    assertThat(report.path("faults").asInt()).isEqualTo(7);
    assertThat(report.path("faults_recovered").asInt()).isEqualTo(7);
    for (String layer : List.of("bronze", "silver", "gold")) {
      assertThat(report.path("job_exits").path(layer).path("killed").asInt())
          .as("%s killed once", layer)
          .isEqualTo(1);
    }
    assertThat(report.path("produced").asLong()).isPositive();
    assertThat(report.path("bronze_rows").asLong()).isEqualTo(report.path("produced").asLong());
    assertThat(report.path("bronze_distinct").asLong()).isEqualTo(report.path("produced").asLong());
    assertThat(report.path("bronze_unaccounted").asLong()).isZero();
    assertThat(report.path("silver_duplicate_keys").asLong()).isZero();
    assertThat(report.path("gold_hourly_mismatched").asLong()).isZero();
    assertThat(report.path("alert_duplicates").asLong()).isZero();
    assertThat(report.path("poison_injected").asInt()).isEqualTo(16);
    assertThat(report.path("poison_as_expected").asInt()).isEqualTo(16);
    assertThat(report.path("poison_markets_quarantined").asInt()).isEqualTo(16);
    assertThat(report.path("markets_unaccounted").asLong()).isZero();
    assertThat(report.path("quarantine_rows").asLong()).isPositive();
    assertThat(printed).contains("halt-after-commit").contains("sigkill");
  }
}
