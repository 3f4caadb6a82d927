package io.cryptolakehouse.embedded;

import io.cryptolakehouse.spark.KafkaSettings;
import io.cryptolakehouse.spark.LakehouseConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole lakehouse's servers in this JVM, under one data directory: Kafka (KRaft), S3 with a
 * {@code warehouse} bucket, and the Hive Metastore. {@link #jobSettings()} gives the {@code
 * spark.crypto.*} settings that point a job at them.
 */
public final class EmbeddedLakehouse implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedLakehouse.class);
  public static final String BUCKET = "warehouse";
  public static final String WAREHOUSE = "s3a://" + BUCKET + "/";

  private final Path dataDir;
  private final KafkaKraftServer kafka;
  private final S3Server s3;
  private final HiveMetastoreServer metastore;
  private final LakehouseConfig lakehouse;

  private EmbeddedLakehouse(
      Path dataDir,
      KafkaKraftServer kafka,
      S3Server s3,
      HiveMetastoreServer metastore,
      LakehouseConfig lakehouse) {
    this.dataDir = dataDir;
    this.kafka = kafka;
    this.s3 = s3;
    this.metastore = metastore;
    this.lakehouse = lakehouse;
  }

  /** Starts every server; a port of 0 means any free port. */
  public static EmbeddedLakehouse start(Path dataDir, Ports ports) {
    return start(dataDir, ports, true);
  }

  /**
   * Starts only the storage and the catalog (S3 and the metastore), for reading and querying the
   * tables while nothing streams: no broker to wait for.
   */
  public static EmbeddedLakehouse startStorage(Path dataDir, int s3Port, int metastorePort) {
    return start(dataDir, new Ports(0, s3Port, metastorePort), false);
  }

  private static EmbeddedLakehouse start(Path dataDir, Ports ports, boolean withKafka) {
    Properties credentials = credentials(dataDir.resolve("s3-credentials.properties"));
    String accessKey = credentials.getProperty("access-key");
    String secretKey = credentials.getProperty("secret-key");
    S3Server s3 = S3Server.start(dataDir.resolve("s3"), ports.s3(), accessKey, secretKey, BUCKET);
    KafkaKraftServer kafka =
        withKafka ? KafkaKraftServer.start(dataDir.resolve("kafka"), ports.kafka()) : null;
    Map<String, String> s3a =
        LakehouseConfig.local("", WAREHOUSE, s3.endpoint(), accessKey, secretKey).s3aSettings();
    HiveMetastoreServer metastore =
        HiveMetastoreServer.start(dataDir.resolve("metastore"), ports.metastore(), WAREHOUSE, s3a);
    log.info("Embedded lakehouse ready in {}", dataDir);
    LakehouseConfig lakehouse =
        LakehouseConfig.local(metastore.uri(), WAREHOUSE, s3.endpoint(), accessKey, secretKey);
    return new EmbeddedLakehouse(dataDir, kafka, s3, metastore, lakehouse);
  }

  /**
   * Starts one server of the data dir in this JVM, for a supervisor that runs each in its own
   * process so it can hard-stop one ({@code ./run-chaos.sh}). The metastore needs the S3 port.
   * Returns what stops it (nothing for the metastore: it lives until the JVM exits).
   */
  public static AutoCloseable startOne(String server, Path dataDir, Ports ports) {
    LakehouseConfig lakehouse = configFor(dataDir, ports);
    return switch (server) {
      case "kafka" -> KafkaKraftServer.start(dataDir.resolve("kafka"), ports.kafka());
      case "s3" ->
          S3Server.start(
              dataDir.resolve("s3"),
              ports.s3(),
              lakehouse.s3AccessKey(),
              lakehouse.s3SecretKey(),
              BUCKET);
      case "metastore" -> {
        HiveMetastoreServer.start(
            dataDir.resolve("metastore"), ports.metastore(), WAREHOUSE, lakehouse.s3aSettings());
        yield () -> {};
      }
      default ->
          throw new IllegalArgumentException(
              "unknown server '" + server + "'; one of kafka, s3, metastore");
    };
  }

  /**
   * The lakehouse settings for this data dir's servers listening on {@code ports}, wherever they
   * run (the credentials are created on first use and kept in the data dir).
   */
  public static LakehouseConfig configFor(Path dataDir, Ports ports) {
    Properties credentials = credentials(dataDir.resolve("s3-credentials.properties"));
    return LakehouseConfig.local(
        "thrift://localhost:" + ports.metastore(),
        WAREHOUSE,
        "http://127.0.0.1:" + ports.s3(),
        credentials.getProperty("access-key"),
        credentials.getProperty("secret-key"));
  }

  /** {@code spark.crypto.*} settings pointing a job at a lakehouse and a broker. */
  public static Map<String, String> jobSettings(LakehouseConfig lakehouse, String bootstrap) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(LakehouseConfig.CATALOG, lakehouse.catalog());
    settings.put(LakehouseConfig.METASTORE_URI, lakehouse.metastoreUri());
    settings.put(LakehouseConfig.WAREHOUSE, lakehouse.warehouse());
    settings.put(LakehouseConfig.S3_ENDPOINT, lakehouse.s3Endpoint());
    settings.put(LakehouseConfig.S3_ACCESS_KEY, lakehouse.s3AccessKey());
    settings.put(LakehouseConfig.S3_SECRET_KEY, lakehouse.s3SecretKey());
    if (bootstrap != null) {
      settings.put(KafkaSettings.BOOTSTRAP_SERVERS, bootstrap);
    }
    return settings;
  }

  /** The ports to use; 0 for any free one. */
  public record Ports(int kafka, int s3, int metastore) {
    public static Ports any() {
      return new Ports(0, 0, 0);
    }

    /** Free ports for every server, chosen now (for servers started one by one, elsewhere). */
    public static Ports free() {
      return new Ports(
          io.cryptolakehouse.embedded.Ports.free(),
          io.cryptolakehouse.embedded.Ports.free(),
          io.cryptolakehouse.embedded.Ports.free());
    }
  }

  /** {@code spark.crypto.*} settings pointing a job at these servers. */
  public Map<String, String> jobSettings() {
    return jobSettings(lakehouse, kafka == null ? null : kafka.bootstrapServers());
  }

  public LakehouseConfig lakehouse() {
    return lakehouse;
  }

  /** The broker; absent after {@link #startStorage}. */
  public KafkaKraftServer kafka() {
    if (kafka == null) {
      throw new IllegalStateException("Started without Kafka (startStorage)");
    }
    return kafka;
  }

  public S3Server s3() {
    return s3;
  }

  public HiveMetastoreServer metastore() {
    return metastore;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Stops Kafka and S3. The metastore lives until the JVM exits (see HiveMetastoreServer). */
  @Override
  public void close() {
    if (kafka != null) {
      kafka.close();
    }
    s3.close();
  }

  /** Local-only S3 credentials: random on first start, kept with the data they protect. */
  private static Properties credentials(Path file) {
    Properties props = new Properties();
    try {
      if (Files.exists(file)) {
        OwnerOnly.restrict(file);
        try (InputStream in = Files.newInputStream(file)) {
          props.load(in);
        }
        return props;
      }
      OwnerOnly.directory(file.getParent());
      SecureRandom random = new SecureRandom();
      props.setProperty("access-key", "local-" + hex(random, 8));
      props.setProperty("secret-key", hex(random, 24));
      try (OutputStream out = Files.newOutputStream(OwnerOnly.newFile(file))) {
        props.store(out, "Credentials of the embedded S3 server (local only)");
      }
      return props;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write " + file, e);
    }
  }

  private static String hex(SecureRandom random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
