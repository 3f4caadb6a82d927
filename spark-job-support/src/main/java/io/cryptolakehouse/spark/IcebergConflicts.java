package io.cryptolakehouse.spark;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries an Iceberg operation that lost a race with another writer of the same table. The
 * streaming jobs and the maintenance job commit to the same tables: a compaction that replaced the
 * files a Gold upsert read makes that upsert fail validation ("missing data files"), and the
 * upsert's own commit can make a compaction group fail. Both are safe to run again from the new
 * table state, which is what this does, with a growing, jittered pause between attempts. Iceberg's
 * own commit retries cover only metadata swaps, not these validation failures.
 */
public final class IcebergConflicts {

  private static final Logger log = LoggerFactory.getLogger(IcebergConflicts.class);
  static final int ATTEMPTS = 6;
  private static final long FIRST_PAUSE_MILLIS = 250;

  private IcebergConflicts() {}

  /** Runs {@code action}, again after a conflict, up to {@value #ATTEMPTS} times in all. */
  public static <T> T retry(String what, Supplier<T> action) {
    for (int attempt = 1; ; attempt++) {
      try {
        return action.get();
      } catch (RuntimeException e) {
        if (!isConflict(e) || attempt >= ATTEMPTS) {
          throw e;
        }
        long pause = (FIRST_PAUSE_MILLIS << (attempt - 1)) / 2;
        pause += ThreadLocalRandom.current().nextLong(pause + 1);
        log.warn(
            "{} conflicted with a concurrent commit (attempt {} of {}): {}; retrying in {} ms",
            what,
            attempt,
            ATTEMPTS,
            rootMessage(e),
            pause);
        pauseFor(pause);
      }
    }
  }

  public static void retry(String what, Runnable action) {
    retry(
        what,
        () -> {
          action.run();
          return null;
        });
  }

  /** True when {@code e}, or any of its causes, is a lost commit race rather than a real error. */
  public static boolean isConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ValidationException || t instanceof CommitFailedException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage().lines().findFirst().orElse("");
  }

  private static void pauseFor(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting to retry", e);
    }
  }
}
