package io.cryptolakehouse.embedded;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Apache Kafka server ({@code kafka_2.13}) as a single combined broker+controller node in
 * KRaft mode, on a fixed port and a data directory that survive restarts: stop it and start it
 * again, and clients see the same broker with the same records, which is what outage tests need.
 */
public final class KafkaKraftServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaKraftServer.class);
  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  private final Path dataDir;
  private final int port;
  private final int controllerPort;
  private final Map<String, String> overrides;
  private KafkaRaftServer server;

  private KafkaKraftServer(
      Path dataDir, int port, int controllerPort, Map<String, String> overrides) {
    this.dataDir = dataDir;
    this.port = port;
    this.controllerPort = controllerPort;
    this.overrides = Map.copyOf(overrides);
  }

  /**
   * Starts a broker whose log lives in {@code dataDir} (formatted on first use), listening on
   * {@code port}, or on a free port when {@code port} is 0.
   */
  public static KafkaKraftServer start(Path dataDir, int port) {
    return start(dataDir, port, Map.of());
  }

  /**
   * {@link #start(Path, int)} with broker settings of a cluster that differs from ours (such as
   * {@code auto.create.topics.enable=false}, as many production clusters run).
   */
  public static KafkaKraftServer start(Path dataDir, int port, Map<String, String> overrides) {
    KafkaKraftServer kafka =
        new KafkaKraftServer(dataDir, Ports.orFree(port), Ports.free(), overrides);
    kafka.start();
    return kafka;
  }

  /** Starts the server (again) on the same port and data directory. */
  public synchronized void start() {
    if (server != null) {
      return;
    }
    KafkaConfig config = new KafkaConfig(properties(), false);
    formatIfNew(config);
    server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    log.info("Kafka (KRaft) listening on {} with data in {}", bootstrapServers(), dataDir);
  }

  /** Stops the server cleanly; {@link #start()} brings it back with its data. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    server = null;
    log.info("Kafka on port {} stopped", port);
  }

  public String bootstrapServers() {
    return "localhost:" + port;
  }

  public int port() {
    return port;
  }

  public synchronized boolean running() {
    return server != null;
  }

  @Override
  public void close() {
    stop();
  }

  private Properties properties() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://localhost:"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://localhost:"
            + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir().toString());
    // A single node: every internal topic has one replica.
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "true");
    // Records up to 16 MB (large API bodies), like the producer's max.request.size.
    p.put("message.max.bytes", String.valueOf(16 * 1024 * 1024 + 1024));
    p.putAll(overrides);
    return p;
  }

  private Path logDir() {
    return dataDir.resolve("kafka-logs");
  }

  private void formatIfNew(KafkaConfig config) {
    if (Files.exists(logDir().resolve("meta.properties"))) {
      return;
    }
    try {
      Files.createDirectories(logDir());
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(logDir().toString()))
          .setMetadataLogDirectory(logDir().toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot format Kafka storage in " + logDir(), e);
    }
  }
}
