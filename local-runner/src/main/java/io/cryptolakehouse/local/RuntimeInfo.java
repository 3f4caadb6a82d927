package io.cryptolakehouse.local;

import io.cryptolakehouse.embedded.EmbeddedLakehouse;
import io.cryptolakehouse.spark.LakehouseConfig;
import java.time.Instant;
import java.util.Properties;

/**
 * {@code runtime.properties}: what the process holding the data directory is doing and where its
 * servers listen. The S3 keys are not repeated here; they stay in {@code
 * s3-credentials.properties}.
 */
final class RuntimeInfo {

  static final String MODE = "mode";
  static final String PID = "pid";
  static final String STARTING = "starting";
  static final String PIPELINE = "pipeline";
  static final String STORAGE = "storage";

  private RuntimeInfo() {}

  static final String PRODUCER_PID = "producer.pid";
  static final String DASHBOARD_PID = "dashboard.pid";
  // Where a second process (sql, backfill, status) finds the running pipeline's servers.
  static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap-servers";
  static final String S3_ENDPOINT = "s3.endpoint";
  static final String METASTORE_URI = "metastore.uri";

  static void publish(
      DataDir dir, String mode, EmbeddedLakehouse stack, String source, Long producerPid) {
    publish(dir, mode, stack, source, producerPid, null);
  }

  static void publish(
      DataDir dir,
      String mode,
      EmbeddedLakehouse stack,
      String source,
      Long producerPid,
      Long dashboardPid) {
    Properties p = new Properties();
    p.setProperty(MODE, mode);
    p.setProperty(PID, String.valueOf(ProcessHandle.current().pid()));
    p.setProperty("since", Instant.now().toString());
    if (stack != null) {
      p.setProperty(KAFKA_BOOTSTRAP_SERVERS, stack.kafka().bootstrapServers());
      p.setProperty(S3_ENDPOINT, stack.s3().endpoint());
      p.setProperty(METASTORE_URI, stack.metastore().uri());
    }
    if (source != null) {
      p.setProperty("source", source);
    }
    if (producerPid != null) {
      p.setProperty(PRODUCER_PID, producerPid.toString());
    }
    if (dashboardPid != null) {
      p.setProperty(DASHBOARD_PID, dashboardPid.toString());
    }
    dir.write(dir.runtimeFile(), p);
  }

  /** The running pipeline's catalog, for a second process. */
  static LakehouseConfig lakehouse(Properties runtime, DataDir dir) {
    Properties credentials = dir.read(dir.root().resolve("s3-credentials.properties"));
    return LakehouseConfig.local(
        runtime.getProperty(METASTORE_URI),
        EmbeddedLakehouse.WAREHOUSE,
        runtime.getProperty(S3_ENDPOINT),
        credentials.getProperty("access-key"),
        credentials.getProperty("secret-key"));
  }
}
