package io.cryptolakehouse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptolakehouse.local.support.DirectoryTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./run-bench.sh} at small sizes, through the documented command: the figures are not judged
 * here (benchmarks are read by people, from docs/benchmarks.md), but every run must complete,
 * account for every message, and write the JSON it prints.
 */
class BenchIT {

  private static final Path SCRIPT = Path.of("..", "run-bench.sh").toAbsolutePath().normalize();
  private static final Path WORK = Path.of("target", "bench-it").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** With small batch caps (a profile passed by --conf) a catch-up takes several batches. */
  @Test
  void layersRunsIngestFirstAndEveryMessageReachesGold() throws Exception {
    JsonNode r =
        bench(
            "layers",
            "--messages",
            "3000",
            "--coins",
            "10",
            "--conf",
            "spark.crypto.kafka.max-offsets-per-trigger=1000",
            "--conf",
            "spark.crypto.silver.max-rows-per-batch=1000",
            "--conf",
            "spark.crypto.gold.max-rows-per-batch=10000");

    assertThat(r.path("configuration").path("messages").asLong()).isEqualTo(3000);
    assertThat(r.path("bronze_rows").asLong()).isEqualTo(3000);
    assertThat(r.path("raw_read_before_msg_s").asDouble()).isPositive();
    assertThat(r.path("bronze_rate_msg_s").asDouble()).isPositive();
    assertThat(r.path("ratio_bronze_to_raw").asDouble()).isPositive();
    assertThat(r.path("silver_rows").asLong()).isEqualTo(30_000);
    assertThat(r.path("silver_quarantined").asLong()).isZero();
    assertThat(r.path("gold_ticks").asLong()).isEqualTo(30_000);
    // 3000 snapshots 30 s apart: 25 hours (26 hour buckets at most) of 10 coins
    assertThat(r.path("gold_hourly_bars").asLong()).isBetween(250L, 260L);
    assertThat(
            r.path("configuration")
                .path("job_settings")
                .path("spark.crypto.silver.max-rows-per-batch")
                .asText())
        .isEqualTo("1000");
    assertThat(r.path("silver_batches").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(r.path("gold_batches").asLong()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void scaleRunsEverySizeFromEmptyTables() throws Exception {
    JsonNode r = bench("scale", "--days", "1,2", "--coins", "2");

    assertThat(r.path("d1_observations").asLong()).isEqualTo(2880 * 2);
    assertThat(r.path("d2_observations").asLong()).isEqualTo(2 * 2880 * 2);
    assertThat(r.path("d2_total_s").asDouble()).isPositive();
    assertThat(r.path("cost_growth").asDouble()).isPositive();
    assertThat(r.path("projected_1y_s").asDouble()).isPositive();
  }

  @Test
  void metadataMeasuresADayWithAndWithoutMaintenance() throws Exception {
    JsonNode r = bench("metadata", "--hours", "2", "--commit-every", "600", "--coins", "3");

    for (String variant : List.of("without", "with")) {
      String h1 = variant + "_maintenance_h1_";
      String h2 = variant + "_maintenance_h2_";
      // Six commits an hour, each a new snapshot; copy-on-write keeps one live file per day.
      assertThat(r.path(h1 + "snapshots").asLong()).isEqualTo(6);
      assertThat(r.path(h2 + "snapshots").asLong()).isEqualTo(12);
      assertThat(r.path(h2 + "files_per_partition").asLong()).isEqualTo(1);
      assertThat(r.path(h2 + "metadata_json_KB").asDouble())
          .isGreaterThan(r.path(h1 + "metadata_json_KB").asDouble());
      assertThat(r.path(h2 + "stored_files").asLong())
          .isGreaterThan(r.path(h1 + "stored_files").asLong());
      assertThat(r.path(h2 + "query_ms").asDouble()).isPositive();
    }
    assertThat(r.path("configuration").path("snapshot_retention_h").asLong()).isEqualTo(72);
    assertThat(r.path("maintenance_pass_h2_ms").asLong()).isPositive();
    assertThat(r.path("maintenance_pass_max_ms").asLong())
        .isGreaterThanOrEqualTo(r.path("maintenance_pass_h1_ms").asLong())
        .isGreaterThanOrEqualTo(r.path("maintenance_pass_h2_ms").asLong());
  }

  /** Runs a scenario; checks it ended ok and wrote what it printed; returns its JSON. */
  private static JsonNode bench(String scenario, String... options) throws Exception {
    Path dir = WORK.resolve(scenario);
    DirectoryTrees.delete(dir); // from empty tables, also when the suite runs again without clean
    Files.createDirectories(dir);
    Path out = dir.resolve("run-bench.out");
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), scenario));
    command.addAll(List.of(options));
    command.addAll(
        List.of("--data-dir", dir.resolve("data").toString(), "--results", dir.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
    builder.environment().put("RUN_LOCAL_SKIP_BUILD", "1");
    builder.environment().put("RUN_LOCAL_JAVA_OPTS", "-Xmx2g");
    Process run = builder.start();
    boolean finished = run.waitFor(20, TimeUnit.MINUTES);
    if (!finished) {
      run.destroyForcibly();
    }
    List<String> lines = Files.readAllLines(out);
    String printed = String.join("\n", lines);
    assertThat(finished).as("run-bench %s finished; it printed:\n%s", scenario, printed).isTrue();
    assertThat(run.exitValue()).as(printed).isZero();
    String jsonLine =
        lines.stream().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
    JsonNode report = JSON.readTree(jsonLine);
    assertThat(report.path("ok").asBoolean()).as(printed).isTrue();
    assertThat(report.path("scenario").asText()).isEqualTo(scenario);
    assertThat(report.path("machine").path("cores").asInt()).isPositive();
    assertThat(JSON.readTree(dir.resolve(scenario + ".json").toFile())).isEqualTo(report);
    return report;
  }
}
