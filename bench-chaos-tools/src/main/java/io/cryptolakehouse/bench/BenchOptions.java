package io.cryptolakehouse.bench;

import static io.cryptolakehouse.local.support.OptionValues.number;
import static io.cryptolakehouse.local.support.OptionValues.positive;
import static io.cryptolakehouse.local.support.OptionValues.positiveInt;

import io.cryptolakehouse.local.support.OptionValues;
import io.cryptolakehouse.local.support.UsageError;
import io.cryptolakehouse.spark.JobSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
    List<Integer> days,
    String trigger,
    int interval,
    int minutes,
    int hours,
    int commitEvery,
    Path dataDir,
    Path resultsDir,
    Map<String, String> jobSettings,
    boolean help) {

  static final List<String> SCENARIOS =
      List.of("ingest", "layers", "freshness", "scale", "metadata", "footprint");

  static final String USAGE =
      """
      ./run-bench.sh <scenario> [--messages M] [--coins C] [--days D,D,...] [--seed S]
                     [--trigger T] [--interval S] [--minutes N] [--steady SECONDS]
                     [--hours H] [--commit-every S]
                     [--conf spark.crypto.KEY=VALUE ...] [--data-dir DIR] [--results DIR]

      Measures the pipeline on the embedded stack, prints a table and one JSON line, and writes
      bench-results/<scenario>.json. Rates are compared within one run (shared machines are noisy).

      scenarios:
        ingest     preload the prices topic with M producer-shaped messages (one /simple/price
                   response for C coins each), then read it with Kafka's own ConsumerPerformance
                   (before and after) and ingest it into Bronze (available-now); reports both
                   rates and the ratio bronze/raw
        layers     Silver and Gold (available-now) over the Bronze table ingest filled (runs ingest
                   first when there is none): rows/s and coin-observations/s
        freshness  the producer (simulated) every --interval s and the three layers at --trigger
                   in one session for --minutes: latency from publish (Kafka timestamp) to the
                   commit that made the observation visible in Silver and in Gold's hourly bar
        scale      for each of --days: D days of 30-second snapshots of C coins replayed through
                   Bronze, Silver and Gold (emptied between sizes); time per layer, cost per observation
                   across sizes (linear growth?), one year extrapolated
        metadata   a simulated day (--hours) of the Gold hourly table's commits, one every
                   --commit-every simulated seconds, shaped like the Gold job's copy-on-write MERGE;
                   without, then with the maintenance job every simulated hour: snapshots,
                   metadata.json size, files per partition, stored files, the last-24 h OHLC query
                   at hour 1 and at the last hour
        footprint  ./run-local.sh --source simulated from a cold start: time to the first Gold
                   row, peak heap and RSS of the runner, peak RSS of the producer and dashboard,
                   then --steady seconds more

      --messages M     messages for ingest (default 1000000)
      --coins C        coins per message (default 10: ~2 KB messages; scale: 100)
      --days D,D,...   scale: the sizes in days (default 7,30,90)
      --seed S         the generated prices (default 1)
      --trigger T      freshness: every layer's trigger (default '1 second')
      --interval S     freshness: the producer's poll interval (default 1)
      --minutes N      freshness: how long to measure, after a minute of warm-up (default 30:
                       the goal is over 30 minutes, as Silver's files pile up through the hour)
      --steady S       footprint: seconds to keep sampling after the first Gold row (default 60)
      --hours H        metadata: simulated hours (default 24)
      --commit-every S metadata: simulated seconds between commits, dividing 3600 (default 30:
                       Gold's hourly table committed every ~37 s under freshness's 1-second trigger)
      --conf K=V       a job setting (spark.crypto.*, docs/spark-jobs.md) for every layer
                       the scenario starts, e.g. a profile: --conf spark.crypto.kafka.max-offsets-per-trigger=0,
                       or a Spark SQL setting of the session (spark.sql.*, as spark-submit --conf);
                       repeatable; recorded with the figures (not for footprint)
      --data-dir DIR   default .lakehouse-bench/<scenario> (layers: .lakehouse-bench/ingest)
      --results DIR    default bench-results
      """;

  static BenchOptions parse(List<String> args) {
    if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
      return new BenchOptions(
          null, 0, 0, 0, 0, List.of(), null, 0, 0, 0, 0, null, null, Map.of(), true);
    }
    String scenario = args.get(0);
    if (!SCENARIOS.contains(scenario)) {
      throw new UsageError("unknown scenario '" + scenario + "'; one of " + SCENARIOS);
    }
    if (scenario.equals("footprint") && args.contains("--conf")) {
      throw new UsageError("--conf does not apply to footprint (it runs ./run-local.sh as is)");
    }
    long messages = 1_000_000;
    int coins = scenario.equals("scale") ? 100 : 10;
    List<Integer> days = List.of(7, 30, 90);
    String trigger = "1 second";
    int interval = 1;
    int minutes = 30;
    int hours = 24;
    int commitEvery = 30;
    long seed = 1;
    int steady = 60;
    Path dataDir = Path.of(".lakehouse-bench", scenario.equals("layers") ? "ingest" : scenario);
    Path results = Path.of("bench-results");
    Map<String, String> jobSettings = new TreeMap<>();
    for (Map.Entry<String, String> pair : OptionValues.pairs(args, 1)) {
      String option = pair.getKey();
      String value = pair.getValue();
      switch (option) {
        case "--messages" -> messages = positive(option, value);
        case "--coins" -> coins = (int) atMost(option, positive(option, value), MAX_COINS);
        case "--seed" -> seed = number(option, value);
        case "--days" -> days = days(option, value);
        case "--trigger" -> trigger = trigger(option, value);
        case "--interval" -> interval = (int) atMost(option, positive(option, value), 3600);
        case "--minutes" -> minutes = (int) atMost(option, positive(option, value), 1440);
        case "--steady" -> steady = positiveInt(option, value);
        case "--hours" -> hours = (int) atMost(option, positive(option, value), 72);
        case "--commit-every" -> commitEvery = commitEvery(option, value);
        case "--data-dir" -> dataDir = Path.of(value);
        case "--results" -> results = Path.of(value);
        case "--conf" -> jobSetting(option, value, jobSettings);
        default -> throw new UsageError("unknown option " + option + "; try --help");
      }
    }
    return new BenchOptions(
        scenario,
        messages,
        coins,
        seed,
        steady,
        days,
        trigger,
        interval,
        minutes,
        hours,
        commitEvery,
        dataDir.toAbsolutePath().normalize(),
        results,
        Map.copyOf(jobSettings),
        false);
  }

  private static void jobSetting(String option, String value, Map<String, String> settings) {
    int eq = value.indexOf('=');
    boolean known = value.startsWith(JobSettings.PREFIX) || value.startsWith(SESSION_PREFIX);
    if (eq <= 0 || !known || eq == value.length() - 1) {
      throw new UsageError(
          option
              + " takes "
              + JobSettings.PREFIX
              + "KEY=VALUE or "
              + SESSION_PREFIX
              + "KEY=VALUE, was '"
              + value
              + "'");
    }
    settings.put(value.substring(0, eq), value.substring(eq + 1));
  }

  /** Spark's own SQL settings, which {@code --conf} passes to the session rather than the jobs. */
  static final String SESSION_PREFIX = "spark.sql.";

  /** The producer asks CoinGecko for at most this many ids per call (one message). */
  static final int MAX_COINS = 250;

  private static long atMost(String option, long n, long max) {
    if (n > max) {
      throw new UsageError(option + " must be at most " + max + ", was " + n);
    }
    return n;
  }

  /** Seconds that divide an hour, so each simulated hour has whole commits. */
  private static int commitEvery(String option, String value) {
    int seconds = (int) atMost(option, positive(option, value), 3600);
    if (3600 % seconds != 0) {
      throw new UsageError(option + " must divide 3600 (an hour), was " + value);
    }
    return seconds;
  }

  private static String trigger(String option, String value) {
    try {
      io.cryptolakehouse.spark.StreamTrigger.parse(option, value);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
    return value;
  }

  /** Sizes in days, increasing: the growth is read from the first to the last. */
  private static List<Integer> days(String option, String value) {
    List<Integer> days = new java.util.ArrayList<>();
    for (String d : value.split(",")) {
      days.add((int) atMost(option, positive(option, d.strip()), 3660));
    }
    if (!days.equals(days.stream().sorted().distinct().toList())) {
      throw new UsageError(option + " must be increasing sizes like 7,30,90, was " + value);
    }
    return List.copyOf(days);
  }
}
