package io.cryptolakehouse.chaos;

import io.cryptolakehouse.local.support.Layer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bounce-broker}, {@code bounce-metastore}, {@code bounce-s3}: the server is killed
 * (SIGKILL) at a random moment, stays down for the outage, and is started again on the same data.
 * Nothing else is touched: the producer and the jobs must recover by themselves (their retries, and
 * the supervisor restarting a job that gave up). Recovery is from the restart until every layer has
 * committed again.
 */
final class BounceServer implements Scenario {

  private static final Logger log = LoggerFactory.getLogger(BounceServer.class);

  private final String server;

  BounceServer(String server) {
    this.server = server;
  }

  /** The default outage: several minutes for the metastore, shorter for the others. */
  static Duration defaultOutage(String server) {
    return server.equals("metastore") ? Duration.ofMinutes(3) : Duration.ofSeconds(30);
  }

  /** {@code --outage} when given, else the server's default. */
  static Duration outage(Duration option, String server) {
    return option != null ? option : defaultOutage(server);
  }

  @Override
  public List<Fault> run(Context context) throws InterruptedException {
    List<Fault> faults = new ArrayList<>();
    for (int i = 0; i < context.iterations(); i++) {
      Thread.sleep(context.millisBetween(5, 15));
      Instant down = Instant.now();
      context.stack().kill(server);
      Duration outage = outage(context.outage(), server);
      log.info("{} down for {} (bounce {} of {})", server, outage, i + 1, context.iterations());
      Thread.sleep(outage.toMillis());
      context.stack().start(server);
      Instant up = Instant.now();
      Duration recovery = Duration.ZERO;
      for (Layer layer : Layer.values()) {
        Duration layerRecovery =
            context.probe().awaitCommitAfter(layer.outputTable(), up, PATIENCE).orElse(null);
        if (layerRecovery == null) {
          recovery = null;
          break;
        }
        recovery = layerRecovery.compareTo(recovery) > 0 ? layerRecovery : recovery;
      }
      faults.add(
          new Fault("down " + Duration.between(down, up).toSeconds() + " s", server, up, recovery));
      log.info("{} back at {}; every layer committed again after {}", server, up, recovery);
      if (recovery == null) {
        break;
      }
    }
    return faults;
  }
}
