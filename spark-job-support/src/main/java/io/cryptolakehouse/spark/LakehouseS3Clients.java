package io.cryptolakehouse.spark;

import java.util.Map;
import org.apache.iceberg.aws.AwsClientProperties;
import org.apache.iceberg.aws.HttpClientProperties;
import org.apache.iceberg.aws.s3.S3FileIOAwsClientFactory;
import org.apache.iceberg.aws.s3.S3FileIOProperties;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 clients of Iceberg's {@code S3FileIO} for the lakehouse's tables: Iceberg's own settings
 * (endpoint, path-style access, credentials, retries, HTTP client), with checksums only where S3
 * requires them, and MD5 there (a batch delete), as S3A sends. The SDK otherwise sends every
 * request with a trailing CRC, which S3-compatible servers (the embedded S3Proxy among them)
 * refuse. Serializable with the table's FileIO, so executors build their clients the same way.
 */
public final class LakehouseS3Clients implements S3FileIOAwsClientFactory {

  private static final long serialVersionUID = 1L;

  private S3FileIOProperties s3;
  private AwsClientProperties aws;
  private HttpClientProperties http;

  @Override
  public void initialize(Map<String, String> properties) {
    s3 = new S3FileIOProperties(properties);
    aws = new AwsClientProperties(properties);
    http = new HttpClientProperties(properties);
  }

  @Override
  public S3Client s3() {
    return S3Client.builder()
        .applyMutation(aws::applyClientRegionConfiguration)
        .applyMutation(http::applyHttpClientConfigurations)
        .applyMutation(s3::applyEndpointConfigurations)
        .applyMutation(s3::applyServiceConfigurations)
        .applyMutation(b -> s3.applyCredentialConfigurations(aws, b))
        .applyMutation(s3::applyRetryConfigurations)
        .addPlugin(LegacyMd5Plugin.create())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  /** Only for S3's CRT and analytics-accelerator paths, which the lakehouse does not enable. */
  @Override
  public S3AsyncClient s3Async() {
    throw new UnsupportedOperationException(
        "the lakehouse's S3FileIO uses synchronous clients only (s3.crt.enabled=false)");
  }
}
