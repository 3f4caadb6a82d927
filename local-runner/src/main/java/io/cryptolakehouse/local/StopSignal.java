package io.cryptolakehouse.local;

import io.cryptolakehouse.local.support.ServiceProcess;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM ask the pipeline to stop in order (producer, then drain Bronze, Silver, Gold,
 * then the servers). A JVM shutdown hook cannot do that: Spark's own hook would stop the session in
 * parallel with the drain. A second Ctrl-C stops at once; checkpoints make that safe too.
 */
final class StopSignal implements ServiceProcess.StopRequest {

  private static final Logger log = LoggerFactory.getLogger(StopSignal.class);

  private final CountDownLatch requested = new CountDownLatch(1);

  static StopSignal install(Terminal terminal) {
    StopSignal stop = new StopSignal();
    for (String name : new String[] {"INT", "TERM"}) {
      try {
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
      } catch (IllegalArgumentException e) {
        // The signal is ignored for this process (e.g. SIGINT of a background job, nohup) or
        // reserved by the JVM (-Xrs): the other one still stops cleanly.
        log.warn("Cannot handle SIG{}: {}", name, e.getMessage());
      }
    }
    return stop;
  }

  /** Waits up to {@code millis}; true once a stop was requested. */
  @Override
  public boolean await(long millis) throws InterruptedException {
    return requested.await(millis, TimeUnit.MILLISECONDS);
  }
}
