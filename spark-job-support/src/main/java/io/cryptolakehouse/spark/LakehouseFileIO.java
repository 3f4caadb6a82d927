package io.cryptolakehouse.spark;

import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.io.BulkDeletionFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Iceberg's {@code S3FileIO} for the lakehouse's tables (plain GETs and PUTs, where S3A asks for a
 * file's status before every open), deleting one object per request. S3's batch delete requires a
 * checksum header, and the AWS SDK sends a CRC32 one, which S3-compatible servers (S3Proxy, the
 * embedded S3 server and Compose's stand-in for MinIO) refuse: Iceberg's cleanup of expired
 * metadata would fail and leave files behind. Deletes are few (a commit's replaced metadata,
 * maintenance's expired files), so one request each costs little.
 */
public class LakehouseFileIO extends S3FileIO {

  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(LakehouseFileIO.class);

  @Override
  public void deleteFiles(Iterable<String> paths) {
    int failed = 0;
    for (String path : paths) {
      try {
        deleteFile(path);
      } catch (RuntimeException e) {
        log.warn("Could not delete {}", path, e);
        failed++;
      }
    }
    if (failed > 0) {
      throw new BulkDeletionFailureException(failed);
    }
  }
}
