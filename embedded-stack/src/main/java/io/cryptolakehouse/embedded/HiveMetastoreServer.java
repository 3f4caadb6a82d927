package io.cryptolakehouse.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hadoop.hive.metastore.HiveMetaStore;
import org.apache.hadoop.hive.metastore.txn.TxnDbUtil;
import org.apache.hadoop.hive.shims.ShimLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hive's own metastore Thrift server (the version Spark ships) on an embedded Derby database, so
 * Iceberg's {@code HiveCatalog} is used exactly as against the Compose stack's metastore.
 *
 * <p>Hive 2.3 has no API to stop a metastore started in-process: there is one per JVM, and it lives
 * until the JVM exits (the data directory keeps its state across runs).
 */
public final class HiveMetastoreServer {

  private static final Logger log = LoggerFactory.getLogger(HiveMetastoreServer.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static HiveMetastoreServer running;

  private final int port;

  private HiveMetastoreServer(int port) {
    this.port = port;
  }

  /**
   * Starts the metastore (once per JVM; later calls return the running one).
   *
   * @param hadoopSettings the S3A settings, so the metastore can create table directories
   */
  public static synchronized HiveMetastoreServer start(
      Path dataDir, int port, String warehouse, Map<String, String> hadoopSettings) {
    if (running != null) {
      return running;
    }
    int actualPort = Ports.orFree(port);
    HiveConf conf = configure(dataDir, warehouse, hadoopSettings);
    try {
      // Hive locks need the transaction tables. Our tables commit without locks
      // (engine.hive.lock-enabled=false), but other clients of the metastore may lock.
      TxnDbUtil.prepDb(conf);
    } catch (Exception e) {
      log.debug("Transaction tables already exist: {}", e.getMessage());
    }
    Thread server =
        new Thread(
            () -> {
              try {
                HiveMetaStore.startMetaStore(
                    actualPort, ShimLoader.getHadoopThriftAuthBridge(), conf);
              } catch (Throwable t) {
                log.error("Hive Metastore stopped", t);
              }
            },
            "hive-metastore");
    server.setDaemon(true);
    server.start();
    Ports.awaitListening("Hive Metastore", actualPort, START_TIMEOUT);
    running = new HiveMetastoreServer(actualPort);
    log.info("Hive Metastore listening on {} with Derby in {}", running.uri(), dataDir);
    return running;
  }

  private static HiveConf configure(
      Path dataDir, String warehouse, Map<String, String> hadoopSettings) {
    try {
      Files.createDirectories(dataDir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    System.setProperty("derby.system.home", dataDir.toString());
    HiveConf conf = new HiveConf();
    conf.set(
        "javax.jdo.option.ConnectionURL",
        "jdbc:derby:;databaseName=" + dataDir.resolve("metastore_db") + ";create=true");
    conf.set("javax.jdo.option.ConnectionDriverName", "org.apache.derby.jdbc.EmbeddedDriver");
    conf.set("datanucleus.schema.autoCreateAll", "true");
    conf.set("hive.metastore.schema.verification", "false");
    conf.set("datanucleus.connectionPoolingType", "HikariCP");
    conf.set("hive.metastore.warehouse.dir", warehouse);
    conf.set("hive.warehouse.subdir.inherit.perms", "false");
    conf.set("hive.support.concurrency", "true");
    conf.set("hive.txn.manager", "org.apache.hadoop.hive.ql.lockmgr.DbTxnManager");
    conf.set("hive.compactor.initiator.on", "false");
    hadoopSettings.forEach(conf::set);
    return conf;
  }

  public String uri() {
    return "thrift://localhost:" + port;
  }

  public int port() {
    return port;
  }
}
