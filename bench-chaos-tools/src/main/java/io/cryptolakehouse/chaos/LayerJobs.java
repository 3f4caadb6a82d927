package io.cryptolakehouse.chaos;

import io.cryptolakehouse.gold.GoldConfig;
import io.cryptolakehouse.local.support.Layer;
import io.cryptolakehouse.local.support.LocalSessions;
import io.cryptolakehouse.model.Topics;
import io.cryptolakehouse.spark.LakehouseConfig;
import io.cryptolakehouse.spark.StreamSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bronze, Silver and Gold jobs as separate processes, each restarted from its checkpoint
 * whenever it ends — what Compose's {@code restart: unless-stopped} does: at once after a kill the
 * suite made, with a doubling backoff (2 s to 30 s) after a crash of its own, reset once a run
 * lasted a minute.
 */
final class LayerJobs implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LayerJobs.class);
  static final String TRIGGER = "5 seconds";
  private static final Duration HEALTHY = Duration.ofMinutes(1);

  /** One end of a job process. */
  record Exit(String layer, Instant at, int code, boolean injected) {}

  private final Map<String, Supervised> jobs = new LinkedHashMap<>();
  private final Path haltDir;
  private final List<Exit> exits = new ArrayList<>();
  private volatile boolean closing;

  LayerJobs(ChaosStack stack, Path haltDir, Path checkpoints, Path logs) {
    this.haltDir = haltDir;
    Map<String, String> properties = sparkProperties(stack, checkpoints);
    properties.put(StreamSettings.TRIGGER, TRIGGER);
    properties.put(GoldConfig.ALERTS_TOPIC, Topics.ALERTS);
    for (Layer layer : Layer.values()) {
      jobs.put(
          layer.id(),
          new Supervised(
              new ChildJvm(
                  layer.id(),
                  "1g",
                  properties,
                  ChaosJob.class.getName(),
                  List.of(layer.id(), haltDir.toString()),
                  secrets(stack),
                  logs)));
    }
  }

  /** What every Spark process of the suite runs with: a small local session, the lakehouse. */
  static Map<String, String> sparkProperties(ChaosStack stack, Path checkpoints) {
    Map<String, String> properties = new HashMap<>(localSession());
    properties.putAll(stack.jobSettings());
    // On local disk, as in run-local: the embedded S3 server (S3Proxy on files) has no empty
    // directories, and Spark's checkpoint writes rename into one. Compose keeps them on MinIO.
    properties.put(StreamSettings.CHECKPOINT_DIR, checkpoints.toUri().toString());
    // Secrets through the environment, as in Compose: never on a command line.
    properties.remove(LakehouseConfig.S3_ACCESS_KEY);
    properties.remove(LakehouseConfig.S3_SECRET_KEY);
    return properties;
  }

  /** A small local Spark session, UTC, no UI: the jobs' and the checker's. */
  static Map<String, String> localSession() {
    Map<String, String> session = LocalSessions.common();
    // Three job JVMs and the checker share two cores: two task threads each, few shuffle tasks.
    session.put("spark.master", "local[2]");
    session.put("spark.ui.enabled", "false");
    session.put("spark.sql.shuffle.partitions", "2");
    return session;
  }

  static Map<String, String> secrets(ChaosStack stack) {
    return Map.of(
        "AWS_ACCESS_KEY_ID", stack.lakehouse().s3AccessKey(),
        "AWS_SECRET_ACCESS_KEY", stack.lakehouse().s3SecretKey());
  }

  /** Starts the jobs in order (Bronze creates the topics and tables the others read). */
  void start() {
    jobs.values().forEach(Supervised::startSupervising);
  }

  /** SIGKILL now; the supervisor restarts it. */
  void kill(String layer) throws InterruptedException {
    Supervised job = jobs.get(layer);
    job.injected = true;
    job.jvm.kill();
  }

  /** Makes the job halt right after its {@code commits}-th Iceberg commit from now. */
  void haltAfterCommits(String layer, int commits) {
    jobs.get(layer).injected = true;
    try {
      Files.createDirectories(haltDir);
      Files.writeString(haltDir.resolve(layer + ".halt"), commits + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Process starts of a layer so far (1 = never restarted). */
  int starts(String layer) {
    return jobs.get(layer).starts;
  }

  synchronized List<Exit> exits() {
    return List.copyOf(exits);
  }

  private synchronized void record(Exit exit) {
    exits.add(exit);
  }

  @Override
  public void close() throws InterruptedException {
    closing = true;
    for (Supervised job : jobs.values()) {
      job.thread.interrupt();
      job.jvm.stop(30);
    }
  }

  private final class Supervised {
    final ChildJvm jvm;
    final Thread thread;
    volatile boolean injected;
    volatile int starts;

    Supervised(ChildJvm jvm) {
      this.jvm = jvm;
      this.thread = new Thread(this::supervise, "supervise-" + jvm.name());
      thread.setDaemon(true);
    }

    void startSupervising() {
      thread.start();
    }

    private void supervise() {
      Duration backoff = Duration.ofSeconds(2);
      try {
        while (!closing) {
          Files.deleteIfExists(haltDir.resolve(jvm.name() + ".halt"));
          jvm.start();
          starts++;
          Instant started = Instant.now();
          int code = jvm.waitFor();
          if (closing) {
            return;
          }
          boolean wasInjected = injected;
          injected = false;
          record(new Exit(jvm.name(), Instant.now(), code, wasInjected));
          // A crash after a healthy minute is a new failure, not the next of a series: as Compose's
          // restart policy, the backoff starts over.
          if (wasInjected || Duration.between(started, Instant.now()).compareTo(HEALTHY) > 0) {
            backoff = Duration.ofSeconds(2);
          }
          if (wasInjected) {
            continue;
          }
          log.warn("{} exited with {} by itself; restarting in {}", jvm.name(), code, backoff);
          Thread.sleep(backoff.toMillis());
          backoff =
              backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                  ? Duration.ofSeconds(30)
                  : backoff.multipliedBy(2);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        log.error("Supervising {} failed", jvm.name(), e);
      }
    }
  }
}
