package io.cryptolakehouse.chaos;

import io.cryptolakehouse.local.support.Layer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kill-jobs}: each of Bronze, Silver and Gold is killed {@code iterations} times, the three
 * independently. Every other kill halts the job right after an Iceberg commit, before Spark records
 * the batch in its checkpoint; the rest are a SIGKILL at a random moment (mid-batch, mid-commit,
 * idle: wherever it lands). Layers alternate out of step, so even one iteration has both kinds.
 * Each kill waits until the job has committed again since the last one, and that wait is the
 * recovery time.
 */
final class KillJobs implements Scenario {

  private static final Logger log = LoggerFactory.getLogger(KillJobs.class);

  @Override
  public List<Fault> run(Context context) throws InterruptedException {
    List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(Layer.values().length);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (Layer layer : Layer.values()) {
        Random random = new Random(context.random().nextLong());
        running.add(
            pool.submit(
                () -> {
                  killRepeatedly(context, layer, random, faults);
                  return null;
                }));
      }
      for (Future<?> layer : running) {
        layer.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("kill-jobs failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return List.copyOf(faults);
  }

  private void killRepeatedly(Context context, Layer layer, Random random, List<Fault> faults)
      throws InterruptedException {
    for (int i = 0; i < context.iterations(); i++) {
      Thread.sleep((long) (random.nextDouble() * 6000));
      Instant at;
      String kind;
      // Alternating, and staggered across layers so one iteration already has both kinds.
      if ((i + layer.ordinal()) % 2 == 1) {
        kind = "sigkill";
        at = Instant.now();
        context.jobs().kill(layer.id());
      } else {
        kind = "halt-after-commit";
        int exitsBefore = exitsOf(context, layer.id());
        // Gold commits to up to six tables a batch, the others to one or two: a random count of
        // commits spreads the halts over all of them.
        context
            .jobs()
            .haltAfterCommits(layer.id(), 1 + random.nextInt(layer == Layer.GOLD ? 5 : 2));
        at = awaitExit(context, layer.id(), exitsBefore);
        if (at == null) {
          faults.add(new Fault(kind, layer.id(), Instant.now(), null));
          log.error("{} did not commit (and halt) within {}", layer, PATIENCE);
          return;
        }
      }
      Duration recovery =
          context.probe().awaitCommitAfter(layer.outputTable(), at, PATIENCE).orElse(null);
      faults.add(new Fault(kind, layer.id(), at, recovery));
      log.info("{} #{} of {}: {}, committed again after {}", kind, i + 1, layer, at, recovery);
      if (recovery == null) {
        return; // a job that does not come back: the run fails; more kills add nothing
      }
    }
  }

  private static int exitsOf(Context context, String layer) {
    return (int) context.jobs().exits().stream().filter(e -> e.layer().equals(layer)).count();
  }

  /** When the job's process ended (after the armed halt); null if not within the patience. */
  private static Instant awaitExit(Context context, String layer, int exitsBefore)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (Instant.now().isBefore(deadline)) {
      List<LayerJobs.Exit> exits =
          context.jobs().exits().stream().filter(e -> e.layer().equals(layer)).toList();
      if (exits.size() > exitsBefore) {
        return exits.get(exits.size() - 1).at();
      }
      Thread.sleep(100);
    }
    return null;
  }
}
