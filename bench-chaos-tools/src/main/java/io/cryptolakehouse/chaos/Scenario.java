package io.cryptolakehouse.chaos;

import io.cryptolakehouse.local.support.Invariants;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A way of hurting the running pipeline, repeated {@code iterations} times. */
interface Scenario {

  /** How long a part may take to commit again after a fault before it counts as not recovered. */
  Duration PATIENCE = Duration.ofMinutes(6);

  /** Injects the faults while the producer publishes; returns them with their recovery times. */
  List<Fault> run(Context context) throws InterruptedException;

  /** Extra checks of this scenario once the pipeline has drained (counts, violations). */
  default Invariants.Result check(Context context) {
    return new Invariants.Result(Map.of(), List.of());
  }

  /** What a scenario works with. */
  record Context(
      ChaosStack stack,
      LayerJobs jobs,
      ChaosProbe probe,
      org.apache.spark.sql.SparkSession spark,
      Random random,
      int iterations,
      Duration outage,
      java.nio.file.Path logs,
      java.nio.file.Path checkpoints) {

    /** Uniformly between {@code min} and {@code max} seconds. */
    long millisBetween(double min, double max) {
      return (long) ((min + random.nextDouble() * (max - min)) * 1000);
    }
  }
}
