package io.cryptolakehouse.local;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM ask the pipeline to stop in order (producer, then drain Bronze, Silver, Gold,
 * then the servers). A JVM shutdown hook cannot do that: Spark's own hook would stop the session in
 * parallel with the drain. A second Ctrl-C stops at once; checkpoints make that safe too.
 */
final class StopSignal {

  private final CountDownLatch requested = new CountDownLatch(1);

  static StopSignal install(Terminal terminal) {
    StopSignal stop = new StopSignal();
    for (String name : new String[] {"INT", "TERM"}) {
      Signal.handle(
          new Signal(name),
          signal -> {
            if (stop.requested.getCount() == 0) {
              terminal.note("Stopping now; the next start resumes from the checkpoints.");
              Runtime.getRuntime().halt(130);
            }
            terminal.note("Stopping cleanly (Ctrl-C again to stop at once)...");
            stop.requested.countDown();
          });
    }
    return stop;
  }

  /** Waits up to {@code millis}; true once a stop was requested. */
  boolean await(long millis) throws InterruptedException {
    return requested.await(millis, TimeUnit.MILLISECONDS);
  }
}
