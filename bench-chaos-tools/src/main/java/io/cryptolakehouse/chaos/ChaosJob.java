package io.cryptolakehouse.chaos;

import io.cryptolakehouse.local.support.Layer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.iceberg.events.CreateSnapshotEvent;
import org.apache.iceberg.events.Listeners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A layer job's own {@code main}, with one fault point: when the suite has dropped the file {@code
 * <halt-dir>/<layer>.halt} holding a count n, the process halts (no shutdown hooks, exit 137, as
 * SIGKILL) right after its n-th Iceberg commit from then on — before Spark writes the batch to its
 * checkpoint, the window where a restart must not write the batch twice; with n random, the halt
 * lands after any of the tables a batch commits to. Iceberg announces every commit to its {@link
 * Listeners} in the committing (driver) thread, so the halt lands exactly there.
 */
public final class ChaosJob {

  private static final Logger log = LoggerFactory.getLogger(ChaosJob.class);
  static final int HALT_CODE = 137;

  private ChaosJob() {}

  /** {@code ChaosJob bronze|silver|gold <halt-dir>}. */
  public static void main(String[] args) throws Exception {
    String layer = args[0];
    Path trigger = Path.of(args[1]).resolve(layer + ".halt");
    Listeners.register(
        (CreateSnapshotEvent event) -> {
          if (Files.exists(trigger) && countDown(trigger) == 0) {
            log.warn(
                "Halting after the commit of snapshot {} of {} (fault injection)",
                event.snapshotId(),
                event.tableName());
            Runtime.getRuntime().halt(HALT_CODE);
          }
        },
        CreateSnapshotEvent.class);
    run(layer);
  }

  /**
   * The file holds how many commits to let pass, this one included, before halting: counts it down,
   * and says how many remain. An unreadable count halts now.
   */
  private static int countDown(Path trigger) {
    try {
      int left = Integer.parseInt(Files.readString(trigger).strip()) - 1;
      if (left > 0) {
        Files.writeString(trigger, left + "\n");
      }
      return Math.max(left, 0);
    } catch (java.io.IOException | NumberFormatException e) {
      return 0;
    }
  }

  private static void run(String layer) throws Exception {
    Layer.of(layer).runJob(new String[0]);
  }
}
