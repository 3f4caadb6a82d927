package io.cryptolakehouse.local;

import io.cryptolakehouse.embedded.EmbeddedLakehouse;
import io.cryptolakehouse.local.support.LocalSessions;
import io.cryptolakehouse.local.support.UsageError;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.spark.LakehouseConfig;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark session on the local lakehouse for {@code sql}, {@code query} and {@code status}. While
 * the pipeline runs, its metastore and S3 server are shared (Derby allows one process, so the
 * catalog must be reached over Thrift); otherwise this process starts S3 and the metastore itself
 * and holds the data directory until it is done.
 */
final class LakehouseAccess implements AutoCloseable {

  private static final Duration WAIT_FOR_OWNER = Duration.ofMinutes(3);

  private final SparkSession spark;
  private final boolean pipelineRunning;
  private final DataDir.Lock lock;
  private final EmbeddedLakehouse storage;

  private LakehouseAccess(
      SparkSession spark, boolean pipelineRunning, DataDir.Lock lock, EmbeddedLakehouse storage) {
    this.spark = spark;
    this.pipelineRunning = pipelineRunning;
    this.lock = lock;
    this.storage = storage;
  }

  static LakehouseAccess open(DataDir dir) {
    if (!Files.isDirectory(dir.root().resolve("metastore"))) {
      throw new UsageError(
          "no lakehouse in " + dir.root() + " yet; start the pipeline with ./run-local.sh first");
    }
    Instant deadline = Instant.now().plus(WAIT_FOR_OWNER);
    while (true) {
      Optional<DataDir.Lock> lock = dir.tryLock();
      if (lock.isPresent()) {
        return openStorage(dir, lock.get());
      }
      Properties runtime = dir.read(dir.runtimeFile());
      if (RuntimeInfo.PIPELINE.equals(runtime.getProperty(RuntimeInfo.MODE))) {
        return new LakehouseAccess(
            LocalSessions.query(RuntimeInfo.lakehouse(runtime, dir)), true, null, null);
      }
      // The owner is starting up, or is another sql/status: wait for it.
      if (Instant.now().isAfter(deadline)) {
        throw new UsageError(
            dir.root()
                + " is held by another process (pid "
                + runtime.getProperty(RuntimeInfo.PID, "?")
                + ") that is not a running pipeline");
      }
      pause();
    }
  }

  private static LakehouseAccess openStorage(DataDir dir, DataDir.Lock lock) {
    try {
      RuntimeInfo.publish(dir, RuntimeInfo.STORAGE, null, null, null);
      EmbeddedLakehouse storage = EmbeddedLakehouse.startStorage(dir.root(), 0, 0);
      LakehouseConfig lakehouse = storage.lakehouse();
      return new LakehouseAccess(LocalSessions.query(lakehouse), false, lock, storage);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UsageError("interrupted");
    }
  }

  SparkSession spark() {
    return spark;
  }

  String catalog() {
    return Tables.CATALOG;
  }

  boolean pipelineRunning() {
    return pipelineRunning;
  }

  @Override
  public void close() {
    spark.stop();
    if (storage != null) {
      storage.close();
    }
    if (lock != null) {
      lock.close();
    }
  }
}
