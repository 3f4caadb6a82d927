package io.cryptolakehouse.spark;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Two writes of one micro-batch, to different tables, run at the same time. A small batch's {@code
 * MERGE} is mostly the driver waiting (planning, the catalog's round trips, the commit), so two
 * side by side take about as long as the longer one, and neither table waits for the other.
 *
 * <p>The second write runs on a thread started here, which inherits Spark's local properties (the
 * query's job group and scheduler pool): stopping the query cancels its jobs too.
 */
public final class SideBySide {

  private SideBySide() {}

  /** Runs both, returns when both are done; a failure of either is thrown (the other's added). */
  public static void run(Runnable first, Runnable second) {
    AtomicReference<Throwable> sideFailure = new AtomicReference<>();
    Thread side =
        new Thread(
            () -> {
              try {
                second.run();
              } catch (Throwable t) {
                sideFailure.set(t);
              }
            },
            Thread.currentThread().getName() + " (side write)");
    side.setDaemon(true);
    side.start();
    Throwable failure = null;
    try {
      first.run();
    } catch (Throwable t) {
      failure = t;
    }
    try {
      side.join();
    } catch (InterruptedException e) {
      // The query is stopping: its job group's cancellation ends the side write's jobs.
      side.interrupt();
      Thread.currentThread().interrupt();
      throw SideBySide.<RuntimeException>unchecked(e);
    }
    Throwable other = sideFailure.get();
    if (failure == null) {
      failure = other;
    } else if (other != null) {
      failure.addSuppressed(other);
    }
    if (failure != null) {
      // Unchanged, so that Spark still recognises an interruption by the query's stop.
      throw SideBySide.<RuntimeException>unchecked(failure);
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E unchecked(Throwable t) throws E {
    throw (E) t;
  }
}
