package io.cryptolakehouse.local;

import io.cryptolakehouse.local.support.UsageError;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** The ports the local pipeline listens on; each one must be free before anything starts. */
record LocalPorts(int kafka, int s3, int metastore, int producer, int dashboard) {

  /** Kafka and the metastore where their clients look by default; S3 off MinIO's 9000. */
  static final LocalPorts DEFAULTS = new LocalPorts(9092, 9900, 9083, 8081, 8082);

  /** Fails with one line naming the first port in use and the option that moves it. */
  void requireFree() {
    requireFree(kafka, "Kafka", "--kafka-port");
    requireFree(s3, "S3", "--s3-port");
    requireFree(metastore, "Hive Metastore", "--metastore-port");
    requireFree(producer, "producer HTTP", "--producer-port");
    requireFree(dashboard, "dashboard HTTP", "--dashboard-port");
  }

  private static void requireFree(int port, String what, String option) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
      socket.setReuseAddress(true);
    } catch (IOException e) {
      throw new UsageError(
          "port "
              + port
              + " ("
              + what
              + ") is in use; stop what listens there or choose another with "
              + option
              + " N");
    }
  }
}
