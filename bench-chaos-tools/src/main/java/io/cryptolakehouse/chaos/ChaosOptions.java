package io.cryptolakehouse.chaos;

import static io.cryptolakehouse.local.support.OptionValues.number;
import static io.cryptolakehouse.local.support.OptionValues.positive;
import static io.cryptolakehouse.local.support.OptionValues.positiveInt;

import io.cryptolakehouse.local.support.OptionValues;
import io.cryptolakehouse.local.support.UsageError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code ./run-chaos.sh <scenario> [--iterations N] [--seed S] [--outage SECONDS] [--data-dir
 * DIR]}, validated before anything starts.
 */
record ChaosOptions(
    String scenario, int iterations, long seed, Duration outage, Path dataDir, boolean help) {

  static final List<String> SCENARIOS =
      List.of(
          "kill-jobs",
          "bounce-broker",
          "bounce-metastore",
          "bounce-s3",
          "poison",
          "maintenance",
          "all");

  static final String USAGE =
      """
      ./run-chaos.sh <scenario> [--iterations N] [--seed S] [--outage SECONDS] [--data-dir DIR]

      Runs the pipeline on the embedded stack (every server and job its own process), injects
      faults while the producer publishes, drains, checks the invariants, and prints one JSON line.
      Exit 0 only when every invariant holds and every fault was recovered from.

      scenarios:
        kill-jobs         kill -9 Bronze, Silver and Gold N times each (half of them right after an
                          Iceberg commit, before the checkpoint commit)
        bounce-broker     kill -9 Kafka N times, down for --outage (default 30 s)
        bounce-metastore  kill -9 the Hive Metastore N times, down for --outage (default 180 s)
        bounce-s3         kill -9 the S3 server N times, down for --outage (default 30 s)
        poison            publish every malformed-input class N times among valid traffic
        maintenance       run compaction/manifest rewrites/expiry N times beside the streams
        all               each of the above in turn on one pipeline, then one drain and check

      --iterations N  kills per job, bounces, poison rounds or maintenance runs (default 3)
      --seed S        makes the random moments repeatable (default: random, printed)
      --data-dir DIR  wiped at start (default .lakehouse-chaos/<scenario>)
      """;

  static ChaosOptions parse(List<String> args) {
    if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
      return new ChaosOptions(null, 0, 0, null, null, true);
    }
    String scenario = args.get(0);
    if (!SCENARIOS.contains(scenario)) {
      throw new UsageError("unknown scenario '" + scenario + "'; one of " + SCENARIOS);
    }
    int iterations = 3;
    long seed = System.nanoTime();
    Duration outage = null; // each server's default

    Path dataDir = Path.of(".lakehouse-chaos", scenario);
    for (Map.Entry<String, String> pair : OptionValues.pairs(args, 1)) {
      String option = pair.getKey();
      String value = pair.getValue();
      switch (option) {
        case "--iterations" -> iterations = positiveInt(option, value);
        case "--seed" -> seed = number(option, value);
        case "--outage" -> outage = Duration.ofSeconds(positive(option, value));
        case "--data-dir" -> dataDir = Path.of(value);
        default -> throw new UsageError("unknown option " + option + "; try --help");
      }
    }
    if (outage != null && !scenario.startsWith("bounce-") && !scenario.equals("all")) {
      throw new UsageError("--outage goes with the bounce-* scenarios and all");
    }
    return new ChaosOptions(
        scenario, iterations, seed, outage, dataDir.toAbsolutePath().normalize(), false);
  }

  Scenario newScenario() {
    return switch (scenario) {
      case "kill-jobs" -> new KillJobs();
      case "poison" -> new InjectPoison();
      case "maintenance" -> new ConcurrentMaintenance();
      case "bounce-broker" -> new BounceServer("kafka");
      case "all" ->
          new AllScenarios(
              List.of(
                  new KillJobs(),
                  new BounceServer("kafka"),
                  new BounceServer("s3"),
                  new BounceServer("metastore"),
                  new InjectPoison(),
                  new ConcurrentMaintenance()));
      default -> new BounceServer(scenario.substring("bounce-".length()));
    };
  }
}
