package io.cryptolakehouse.embedded;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible server (S3Proxy) storing objects as files under a data directory, so buckets and
 * objects survive restarts. Requests must be signed with the given credentials, like MinIO.
 */
public final class S3Server implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(S3Server.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Path dataDir;
  private final int port;
  private final String accessKey;
  private final String secretKey;
  private BlobStoreContext context;
  private S3Proxy proxy;

  private S3Server(Path dataDir, int port, String accessKey, String secretKey) {
    this.dataDir = dataDir;
    this.port = port;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /** Starts the server and creates {@code buckets} if absent. */
  public static S3Server start(
      Path dataDir, int port, String accessKey, String secretKey, String... buckets) {
    S3Server s3 = new S3Server(dataDir, Ports.orFree(port), accessKey, secretKey);
    s3.start();
    for (String bucket : buckets) {
      s3.context.getBlobStore().createContainerInLocation(null, bucket);
    }
    return s3;
  }

  public synchronized void start() {
    if (proxy != null) {
      return;
    }
    try {
      Files.createDirectories(dataDir);
      InterruptedUploads.remove(dataDir);
      Properties props = new Properties();
      props.setProperty("jclouds.filesystem.basedir", dataDir.toString());
      // S3Proxy's nio2 store, not jclouds' "filesystem", which answered every LIST by reading the
      // whole bucket: maintenance slowed with every file the tables ever wrote. The nio2 store
      // reads
      // only the directory the prefix points into (docs/benchmarks.md, "nio2 store"). Same layout,
      // so old data directories still read. jclouds requires credentials for this provider; the
      // store ignores them (S3Proxy checks signatures against the keys below).
      context =
          ContextBuilder.newBuilder("filesystem-nio2")
              .credentials("local", "local")
              .overrides(props)
              .build(BlobStoreContext.class);
      proxy =
          S3Proxy.builder()
              .blobStore(context.getBlobStore())
              .endpoint(URI.create("http://127.0.0.1:" + port))
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
              .build();
      proxy.start();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start S3 server on port " + port, e);
    }
    Ports.awaitListening("S3 server", port, START_TIMEOUT);
    log.info("S3 (S3Proxy) listening on {} with data in {}", endpoint(), dataDir);
  }

  public synchronized void stop() {
    if (proxy == null) {
      return;
    }
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop S3 server", e);
    } finally {
      context.close();
      proxy = null;
      context = null;
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    stop();
  }
}
