package io.cryptolakehouse.chaos;

import io.cryptolakehouse.local.support.Invariants;
import io.cryptolakehouse.local.support.KafkaOffsets;
import io.cryptolakehouse.local.support.ServiceProcess;
import io.cryptolakehouse.local.support.SnapshotRows;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.model.Topics;
import io.cryptolakehouse.spark.SparkSessions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scenario from start to verdict: servers, jobs and producer up; the pipeline warm (Gold has
 * committed); the faults; the producer stopped; the pipeline drained; the invariants checked.
 */
final class ChaosRun {

  private static final Logger log = LoggerFactory.getLogger(ChaosRun.class);
  private static final Duration WARM_UP = Duration.ofMinutes(8);
  private static final Duration DRAIN = Duration.ofMinutes(8);

  /** What a run found. */
  record Outcome(
      List<Fault> faults,
      List<LayerJobs.Exit> exits,
      Invariants.Result invariants,
      Invariants.Result scenarioChecks,
      Duration elapsed) {

    boolean ok() {
      return invariants.ok() && scenarioChecks.ok() && faults.stream().allMatch(Fault::recovered);
    }
  }

  private final ChaosOptions options;
  private final Path producerJar;

  ChaosRun(ChaosOptions options, Path producerJar) {
    this.options = options;
    this.producerJar = producerJar;
  }

  Outcome run() throws Exception {
    Instant started = Instant.now();
    Path dir = options.dataDir();
    Path logs = dir.resolve("logs");
    Scenario scenario = options.newScenario();
    try (ChaosStack stack = new ChaosStack(dir, logs)) {
      stack.start();
      SparkSession spark = checkSession(stack);
      try (LayerJobs jobs =
          new LayerJobs(stack, dir.resolve("halt"), dir.resolve("checkpoints"), logs)) {
        jobs.start();
        ServiceProcess producer =
            new ServiceProcess(producerJar, producerEnv(stack), logs.resolve("producer.log"));
        ChaosProbe probe = new ChaosProbe(spark, stack.lakehouse().catalog());
        Scenario.Context context =
            new Scenario.Context(
                stack,
                jobs,
                probe,
                spark,
                new Random(options.seed()),
                options.iterations(),
                options.outage(),
                logs,
                dir.resolve("checkpoints"));
        List<Fault> faults;
        producer.start();
        try {
          if (probe.awaitCommitAfter(Tables.GOLD_FACT_TICKS, Instant.EPOCH, WARM_UP).isEmpty()) {
            throw new IllegalStateException(
                "the pipeline did not reach Gold within " + WARM_UP + "; see " + logs);
          }
          log.info("Pipeline warm; injecting {}", options.scenario());
          faults = scenario.run(context);
        } finally {
          producer.stop();
        }
        Invariants.Result invariants = drain(stack, spark);
        Invariants.Result checks = scenario.check(context);
        return new Outcome(
            faults, jobs.exits(), invariants, checks, Duration.between(started, Instant.now()));
      } finally {
        spark.stop();
      }
    }
  }

  /**
   * Waits until Bronze holds every published message, then re-checks the invariants until they hold
   * (Silver and Gold catch up a batch or two later) or the drain's patience runs out; the last
   * check is the verdict.
   */
  private Invariants.Result drain(ChaosStack stack, SparkSession spark)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(DRAIN);
    Invariants invariants = new Invariants(spark, stack.lakehouse().catalog());
    // The status view's row counts (snapshot metadata, no scan); null while a table is unreadable.
    SnapshotRows rows = new SnapshotRows(spark, stack.lakehouse().catalog());
    try (KafkaOffsets offsets =
        new KafkaOffsets(
            stack.bootstrapServers(), List.of(Topics.PRICES_RAW, Topics.COIN_MARKETS_RAW))) {
      Long produced = null;
      Invariants.Result result = null;
      while (Instant.now().isBefore(deadline)) {
        produced = produced == null ? offsets.published() : produced;
        Long ticks = rows.rows(Tables.BRONZE_TICKS_RAW);
        Long markets = rows.rows(Tables.BRONZE_COIN_MARKETS_RAW);
        if (produced != null && ticks != null && markets != null && ticks + markets >= produced) {
          result = invariants.check(produced, stack.bootstrapServers());
          if (result.ok()) {
            return result;
          }
          log.info("Not drained yet: {}", result.violations());
        }
        Thread.sleep(5000);
      }
      if (produced == null) {
        throw new IllegalStateException("Kafka did not answer after the run");
      }
      return result != null ? result : invariants.check(produced, stack.bootstrapServers());
    }
  }

  private static SparkSession checkSession(ChaosStack stack) {
    return SparkSessions.lakehouseSession(
        "chaos-check", stack.lakehouse(), LayerJobs.localSession());
  }

  private static Map<String, String> producerEnv(ChaosStack stack) {
    Map<String, String> env = new HashMap<>();
    env.put(ServiceProcess.KAFKA_BOOTSTRAP_SERVERS, stack.bootstrapServers());
    env.put("PRODUCER_SOURCE", "simulated");
    env.put("API_INTERVAL_SECONDS", "2");
    env.put("SERVER_PORT", "0");
    return env;
  }

  static List<String> describe(List<Fault> faults) {
    List<String> lines = new ArrayList<>();
    for (Fault f : faults) {
      lines.add(
          "%-22s %-10s %s  %s"
              .formatted(
                  f.kind(),
                  f.target(),
                  f.at(),
                  f.recovered()
                      ? "committed again after %.1f s".formatted(f.recovery().toMillis() / 1000.0)
                      : "NOT RECOVERED"));
    }
    return lines;
  }
}
