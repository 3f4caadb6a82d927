package io.cryptolakehouse.dashboard.lakehouse;

import io.cryptolakehouse.dashboard.DashboardProperties;
import io.cryptolakehouse.model.Tables;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.hive.HiveCatalog;

/** The Hive catalog the Spark jobs register their tables in, with Iceberg's S3FileIO for S3. */
final class Catalogs {

  private Catalogs() {}

  static HiveCatalog hive(DashboardProperties.Lakehouse lakehouse) {
    Configuration conf = new Configuration();
    conf.set("hive.metastore.uris", lakehouse.metastoreUri());
    // A dead metastore should fail one request in seconds (the page shows it), not hang it for
    // the client's default minutes of retries.
    conf.set("hive.metastore.client.socket.timeout", "15s");
    conf.set("hive.metastore.connect.retries", "2");
    conf.set("hive.metastore.client.connect.retry.delay", "1s");
    HiveCatalog catalog = new HiveCatalog();
    catalog.setConf(conf);
    catalog.initialize(
        Tables.CATALOG,
        Map.of(
            CatalogProperties.URI,
            lakehouse.metastoreUri(),
            CatalogProperties.CLIENT_POOL_SIZE,
            "4",
            CatalogProperties.FILE_IO_IMPL,
            "org.apache.iceberg.aws.s3.S3FileIO",
            "s3.endpoint",
            lakehouse.s3Endpoint(),
            "s3.path-style-access",
            Boolean.toString(lakehouse.s3PathStyle()),
            "s3.access-key-id",
            lakehouse.s3AccessKey(),
            "s3.secret-access-key",
            lakehouse.s3SecretKey(),
            "client.region",
            lakehouse.s3Region()));
    return catalog;
  }
}
