package io.cryptolakehouse.chaos;

import io.cryptolakehouse.embedded.EmbeddedLakehouse;
import io.cryptolakehouse.embedded.EmbeddedLakehouseServer;
import io.cryptolakehouse.spark.LakehouseConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka, S3 and the Hive Metastore, each in its own process on fixed ports and one data dir, so a
 * scenario can hard-stop one (SIGKILL) and start it again on the same data, as a crashed container
 * restarts.
 */
final class ChaosStack implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChaosStack.class);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  static final List<String> SERVERS = List.of("s3", "kafka", "metastore");

  private final EmbeddedLakehouse.Ports ports = EmbeddedLakehouse.Ports.free();
  private final LakehouseConfig lakehouse;
  private final Map<String, ChildJvm> servers = new LinkedHashMap<>();

  ChaosStack(Path dataDir, Path logs) {
    this.lakehouse = EmbeddedLakehouse.configFor(dataDir, ports); // writes the credentials first
    for (String server : SERVERS) {
      servers.put(
          server,
          new ChildJvm(
              server,
              server.equals("s3") ? "256m" : "768m",
              Map.of(),
              EmbeddedLakehouseServer.class.getName(),
              List.of(
                  "--only",
                  server,
                  "--data-dir",
                  dataDir.toString(),
                  "--kafka-port",
                  String.valueOf(ports.kafka()),
                  "--s3-port",
                  String.valueOf(ports.s3()),
                  "--metastore-port",
                  String.valueOf(ports.metastore())),
              Map.of(),
              logs));
    }
  }

  /** Starts every server, S3 first (the metastore checks the warehouse bucket). */
  void start() throws InterruptedException {
    for (String server : SERVERS) {
      start(server);
    }
  }

  void start(String server) throws InterruptedException {
    servers.get(server).start();
    awaitListening(server);
    log.info("{} listening on {}", server, port(server));
  }

  /** A hard stop: SIGKILL, as a host or container crash would. */
  void kill(String server) throws InterruptedException {
    servers.get(server).kill();
    log.info("{} killed", server);
  }

  String bootstrapServers() {
    return "localhost:" + ports.kafka();
  }

  LakehouseConfig lakehouse() {
    return lakehouse;
  }

  Map<String, String> jobSettings() {
    return EmbeddedLakehouse.jobSettings(lakehouse, bootstrapServers());
  }

  private int port(String server) {
    return switch (server) {
      case "kafka" -> ports.kafka();
      case "s3" -> ports.s3();
      default -> ports.metastore();
    };
  }

  private void awaitListening(String server) throws InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!servers.get(server).alive()) {
        throw new IllegalStateException(server + " exited at start; see its log");
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("localhost", port(server)), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException(server + " did not listen within " + START_TIMEOUT);
  }

  @Override
  public void close() throws InterruptedException {
    for (String server : List.of("metastore", "kafka", "s3")) {
      servers.get(server).stop(30);
    }
  }
}
