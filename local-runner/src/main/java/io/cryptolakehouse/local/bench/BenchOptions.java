package io.cryptolakehouse.local.bench;

import io.cryptolakehouse.local.UsageError;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./run-bench.sh <scenario> [options]}, validated before anything starts.
 *
 * @param dataDir where the scenario's stack keeps its data; wiped by {@code ingest} and {@code
 *     footprint}, reused by {@code layers} (the Bronze table {@code ingest} filled)
 */
record BenchOptions(
    String scenario,
    long messages,
    int coins,
    long seed,
    int steadySeconds,
    Path dataDir,
    Path resultsDir,
    boolean help) {

  static final List<String> SCENARIOS = List.of("ingest", "layers", "footprint");
  static final List<String> NOT_YET = List.of("freshness", "scale", "metadata");

  static final String USAGE =
      """
      ./run-bench.sh <scenario> [--messages M] [--coins C] [--seed S] [--steady SECONDS]
                     [--data-dir DIR] [--results DIR]

      Measures the pipeline on the embedded stack, prints a table and one JSON line, and writes
      bench-results/<scenario>.json. Rates are compared within one run (shared machines are noisy).

      scenarios:
        ingest     preload the prices topic with M producer-shaped messages (one /simple/price
                   response for C coins each), then read it with Kafka's own ConsumerPerformance
                   (before and after) and ingest it into Bronze (available-now); reports both
                   rates and the ratio bronze/raw
        layers     Silver and Gold (available-now) over the Bronze table ingest filled (runs ingest
                   first when there is none): rows/s and coin-observations/s
        footprint  ./run-local.sh --source simulated from a cold start: time to the first Gold
                   row, peak heap and RSS of the runner and the producer, then --steady seconds more

      --messages M     messages for ingest (default 1000000)
      --coins C        coins per message (default 10: ~1.7 KB messages)
      --seed S         the generated prices (default 1)
      --steady S       footprint: seconds to keep sampling after the first Gold row (default 60)
      --data-dir DIR   default .lakehouse-bench/ingest (ingest, layers) or .lakehouse-bench/footprint
      --results DIR    default bench-results
      """;

  static BenchOptions parse(List<String> args) {
    if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
      return new BenchOptions(null, 0, 0, 0, 0, null, null, true);
    }
    String scenario = args.get(0);
    if (NOT_YET.contains(scenario)) {
      throw new UsageError(
          "scenario '" + scenario + "' is not implemented yet; available: " + SCENARIOS);
    }
    if (!SCENARIOS.contains(scenario)) {
      throw new UsageError("unknown scenario '" + scenario + "'; one of " + SCENARIOS);
    }
    long messages = 1_000_000;
    int coins = 10;
    long seed = 1;
    int steady = 60;
    Path dataDir =
        Path.of(".lakehouse-bench", scenario.equals("footprint") ? "footprint" : "ingest");
    Path results = Path.of("bench-results");
    for (int i = 1; i < args.size(); i++) {
      String option = args.get(i);
      if (i + 1 >= args.size()) {
        throw new UsageError(option + " needs a value; try --help");
      }
      String value = args.get(++i);
      switch (option) {
        case "--messages" -> messages = positive(option, value);
        case "--coins" -> coins = (int) atMost(option, positive(option, value), MAX_COINS);
        case "--seed" -> seed = number(option, value);
        case "--steady" -> steady = (int) positive(option, value);
        case "--data-dir" -> dataDir = Path.of(value);
        case "--results" -> results = Path.of(value);
        default -> throw new UsageError("unknown option " + option + "; try --help");
      }
    }
    return new BenchOptions(scenario, messages, coins, seed, steady, dataDir, results, false);
  }

  /** The producer asks CoinGecko for at most this many ids per call (one message). */
  static final int MAX_COINS = 250;

  private static long atMost(String option, long n, long max) {
    if (n > max) {
      throw new UsageError(option + " must be at most " + max + ", was " + n);
    }
    return n;
  }

  private static long positive(String option, String value) {
    long n = number(option, value);
    if (n <= 0) {
      throw new UsageError(option + " must be positive, was " + value);
    }
    return n;
  }

  private static long number(String option, String value) {
    try {
      return Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageError(option + " must be a whole number, was '" + value + "'");
    }
  }
}
