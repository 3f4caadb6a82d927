package io.cryptolakehouse.spark;

import io.cryptolakehouse.model.Tables;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the tables live: an Iceberg catalog backed by the Hive Metastore, on S3 under {@code
 * s3a://warehouse}. Iceberg reads and writes the tables' files with its own {@code S3FileIO}
 * ({@link LakehouseFileIO}: plain GETs and PUTs, where S3A asks for a file's status before every
 * open, a HEAD per manifest read), while S3A stays for what Hadoop's FileSystem does: the
 * metastore's table directories, checkpoints, the notebook and maintenance's orphan listing. Both
 * read the same {@code s3a://} paths.
 */
public record LakehouseConfig(
    String catalog,
    String metastoreUri,
    String warehouse,
    String s3Endpoint,
    String s3Region,
    boolean s3PathStyle,
    String s3AccessKey,
    String s3SecretKey) {

  public static final String CATALOG = JobSettings.PREFIX + "catalog";
  public static final String METASTORE_URI = JobSettings.PREFIX + "metastore.uri";
  public static final String WAREHOUSE = JobSettings.PREFIX + "warehouse";
  public static final String S3_ENDPOINT = JobSettings.PREFIX + "s3.endpoint";
  public static final String S3_REGION = JobSettings.PREFIX + "s3.region";
  public static final String S3_PATH_STYLE = JobSettings.PREFIX + "s3.path-style-access";
  public static final String S3_ACCESS_KEY = JobSettings.PREFIX + "s3.access-key";
  public static final String S3_SECRET_KEY = JobSettings.PREFIX + "s3.secret-key";

  /** What S3 servers without regions (MinIO, the embedded one) accept. */
  public static final String DEFAULT_S3_REGION = "us-east-1";

  /**
   * A lakehouse on this machine (the embedded stack): the default catalog, path-style S3 in the
   * default region.
   */
  public static LakehouseConfig local(
      String metastoreUri,
      String warehouse,
      String s3Endpoint,
      String accessKey,
      String secretKey) {
    return new LakehouseConfig(
        Tables.CATALOG,
        metastoreUri,
        warehouse,
        s3Endpoint,
        DEFAULT_S3_REGION,
        true,
        accessKey,
        secretKey);
  }

  public static LakehouseConfig from(JobSettings s) {
    return new LakehouseConfig(
        s.string(CATALOG, Tables.CATALOG),
        s.string(METASTORE_URI, "thrift://hive-metastore:9083"),
        s.string(WAREHOUSE, "s3a://warehouse/"),
        s.string(S3_ENDPOINT, "http://minio:9000"),
        s.string(S3_REGION, DEFAULT_S3_REGION),
        s.bool(S3_PATH_STYLE, true),
        s.secret(S3_ACCESS_KEY, "AWS_ACCESS_KEY_ID"),
        s.secret(S3_SECRET_KEY, "AWS_SECRET_ACCESS_KEY"));
  }

  /** Spark settings that register the catalog (as the default, so SQL can say bronze.x). */
  public Map<String, String> sparkSettings() {
    String prefix = "spark.sql.catalog." + catalog;
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put(
        "spark.sql.extensions",
        "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
    conf.put(prefix, "org.apache.iceberg.spark.SparkCatalog");
    conf.put(prefix + ".type", "hive");
    conf.put(prefix + ".uri", metastoreUri);
    conf.put(prefix + ".warehouse", warehouse);
    // Without this a MERGE in foreachBatch is invisible to later reads in the same session.
    conf.put(prefix + ".cache-enabled", "false");
    conf.put(prefix + ".io-impl", LakehouseFileIO.class.getName());
    conf.put(prefix + ".s3.client-factory-impl", LakehouseS3Clients.class.getName());
    conf.put(prefix + ".s3.endpoint", s3Endpoint);
    conf.put(prefix + ".s3.path-style-access", String.valueOf(s3PathStyle));
    conf.put(prefix + ".s3.access-key-id", s3AccessKey);
    conf.put(prefix + ".s3.secret-access-key", s3SecretKey);
    conf.put(prefix + ".client.region", s3Region);
    conf.put(prefix + ".http-client.type", "apache");
    // Signed whole payloads, not aws-chunked streams: S3Proxy refused chunked uploads with the
    // SDK's default checksums (x-amz-content-sha256 mismatch); not tried again with them limited.
    conf.put(prefix + ".s3.chunked-encoding-enabled", "false");
    conf.put("spark.sql.defaultCatalog", catalog);
    // No Hive locks on commit, also for tables created elsewhere: see the DDL's
    // engine.hive.lock-enabled (a killed writer's lock would block all later commits).
    conf.put("spark.hadoop.iceberg.engine.hive.lock-enabled", "false");
    s3aSettings().forEach((k, v) -> conf.put("spark.hadoop." + k, v));
    return conf;
  }

  /** Hadoop S3A settings, shared with the Hive Metastore. */
  public Map<String, String> s3aSettings() {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("fs.s3a.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
    conf.put("fs.s3a.endpoint", s3Endpoint);
    conf.put("fs.s3a.endpoint.region", s3Region);
    conf.put("fs.s3a.path.style.access", String.valueOf(s3PathStyle));
    conf.put("fs.s3a.connection.ssl.enabled", String.valueOf(s3Endpoint.startsWith("https")));
    conf.put(
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    conf.put("fs.s3a.access.key", s3AccessKey);
    conf.put("fs.s3a.secret.key", s3SecretKey);
    return conf;
  }

  /** Never print the keys. */
  @Override
  public String toString() {
    return "LakehouseConfig[catalog=%s, metastoreUri=%s, warehouse=%s, s3Endpoint=%s]"
        .formatted(catalog, metastoreUri, warehouse, s3Endpoint);
  }
}
