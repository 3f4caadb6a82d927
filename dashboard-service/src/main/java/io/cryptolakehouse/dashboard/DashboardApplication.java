package io.cryptolakehouse.dashboard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The dashboard: Gold through the Iceberg Java API, alerts and prices live from Kafka, one page.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DashboardApplication {

  public static void main(String[] args) {
    // S3 servers other than AWS (MinIO, the embedded S3Proxy) reject the SDK's default trailing
    // checksums; ask for checksums only where S3 requires them, unless the user chose otherwise.
    System.setProperty(
        "aws.requestChecksumCalculation",
        System.getProperty("aws.requestChecksumCalculation", "WHEN_REQUIRED"));
    System.setProperty(
        "aws.responseChecksumValidation",
        System.getProperty("aws.responseChecksumValidation", "WHEN_REQUIRED"));
    SpringApplication.run(DashboardApplication.class, args);
  }
}
