package io.cryptolakehouse.embedded;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hadoop.hive.metastore.HiveMetaStore;
import org.apache.hadoop.hive.metastore.api.MetaException;
import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;
import org.apache.hadoop.hive.metastore.txn.TxnDbUtil;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.server.TServer;
import org.apache.thrift.server.TThreadPoolServer;
import org.apache.thrift.transport.TServerSocket;
import org.apache.thrift.transport.TTransportException;
import org.apache.thrift.transport.TTransportFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hive's own metastore (the version Spark ships) on an embedded Derby database, served over Thrift
 * on loopback only, so Iceberg's {@code HiveCatalog} is used exactly as against the Compose stack's
 * metastore.
 *
 * <p>Hive 2.3 has no API to stop a metastore started in-process: there is one per JVM, and it lives
 * until the JVM exits (the data directory keeps its state across runs).
 */
public final class HiveMetastoreServer {

  private static final Logger log = LoggerFactory.getLogger(HiveMetastoreServer.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final int MIN_WORKERS = 4;
  private static final int MAX_WORKERS = 128;
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
    TServer server = loopbackServer(actualPort, conf);
    Thread serving = new Thread(server::serve, "hive-metastore");
    serving.setDaemon(true);
    serving.start();
    Ports.awaitListening("Hive Metastore", actualPort, START_TIMEOUT);
    running = new HiveMetastoreServer(actualPort);
    log.info("Hive Metastore listening on {} with Derby in {}", running.uri(), dataDir);
    return running;
  }

  /**
   * Hive 2.3's own {@code startMetaStore} binds every interface (its bind host is not
   * configurable), and the metastore has no authentication here: anyone on the network could drop
   * the tables. So the same handler is served by a Thrift server of ours on loopback only.
   */
  private static TServer loopbackServer(int port, HiveConf conf) {
    try {
      ThriftHiveMetastore.Iface handler =
          HiveMetaStore.newRetryingHMSHandler("embedded metastore", conf, false);
      TServerSocket socket =
          new TServerSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return new TThreadPoolServer(
          new TThreadPoolServer.Args(socket)
              .processor(new ThriftHiveMetastore.Processor<>(handler))
              .transportFactory(new TTransportFactory())
              .protocolFactory(new TBinaryProtocol.Factory())
              .minWorkerThreads(MIN_WORKERS)
              .maxWorkerThreads(MAX_WORKERS));
    } catch (MetaException | TTransportException e) {
      throw new IllegalStateException("Cannot start the Hive Metastore on port " + port, e);
    }
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
