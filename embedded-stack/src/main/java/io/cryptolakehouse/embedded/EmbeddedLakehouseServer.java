package io.cryptolakehouse.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the embedded lakehouse's servers until the process is stopped (Ctrl-C / SIGTERM): {@code
 * --data-dir DIR [--kafka-port N] [--s3-port N] [--metastore-port N] [--only kafka|s3|metastore]}.
 * Prints where each server listens; the S3 credentials stay in {@code
 * DIR/s3-credentials.properties}. With {@code --only} it runs that one server (the metastore also
 * needs {@code --s3-port}).
 */
public final class EmbeddedLakehouseServer {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedLakehouseServer.class);

  private EmbeddedLakehouseServer() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> options = parse(args);
    Path dataDir = Path.of(options.getOrDefault("--data-dir", ".lakehouse"));
    if (options.containsKey("--only")) {
      runOne(options.get("--only"), dataDir, options);
      return;
    }
    EmbeddedLakehouse stack =
        EmbeddedLakehouse.start(
            dataDir,
            new EmbeddedLakehouse.Ports(
                port(options, "--kafka-port"),
                port(options, "--s3-port"),
                port(options, "--metastore-port")));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  stopped.countDown();
                },
                "embedded-lakehouse-shutdown"));
    log.info(
        "Ready: kafka={} s3={} metastore={} credentials={}",
        stack.kafka().bootstrapServers(),
        stack.s3().endpoint(),
        stack.metastore().uri(),
        dataDir.resolve("s3-credentials.properties"));
    stopped.await();
  }

  /** One server until the process ends; a hard stop (kill -9) is what outage tests want. */
  private static void runOne(String server, Path dataDir, Map<String, String> options)
      throws InterruptedException {
    EmbeddedLakehouse.Ports ports =
        new EmbeddedLakehouse.Ports(
            port(options, "--kafka-port"),
            port(options, "--s3-port"),
            port(options, "--metastore-port"));
    AutoCloseable running = EmbeddedLakehouse.startOne(server, dataDir, ports);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    running.close();
                  } catch (Exception e) {
                    log.warn("Stopping {} failed: {}", server, e.toString());
                  }
                  stopped.countDown();
                },
                server + "-shutdown"));
    log.info("Ready: {} in {}", server, dataDir);
    stopped.await();
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "usage: --data-dir DIR [--kafka-port N] [--s3-port N] [--metastore-port N]"
                + " [--only kafka|s3|metastore]; bad: "
                + args[i]);
      }
      options.put(args[i], args[++i]);
    }
    return options;
  }

  private static int port(Map<String, String> options, String name) {
    String value = options.getOrDefault(name, "0");
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a port number, was '" + value + "'");
    }
  }
}
