package io.cryptolakehouse.local;

import io.cryptolakehouse.embedded.EmbeddedLakehouse;
import io.cryptolakehouse.local.support.LocalSessions;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The start-up every command that holds the data dir's lock shares ({@code run}, a {@code backfill}
 * with no pipeline running): the services a killed run left stopped, the ports checked, the
 * embedded servers, the pipeline's Spark session and the layers' queries. Closed in reverse order.
 */
final class OwnedPipeline implements AutoCloseable {

  private final EmbeddedLakehouse stack;
  private final SparkSession spark;
  private final List<LayerSupervisor> layers;

  private OwnedPipeline(EmbeddedLakehouse stack, SparkSession spark, List<LayerSupervisor> layers) {
    this.stack = stack;
    this.spark = spark;
    this.layers = layers;
  }

  static OwnedPipeline start(DataDir dir, LocalPorts ports, Terminal terminal) {
    LeftoverServices.stop(dir.read(dir.runtimeFile()), terminal);
    ports.requireFree();
    terminal.note("Starting Kafka, S3 and the Hive Metastore in " + dir.root() + " ...");
    EmbeddedLakehouse stack =
        EmbeddedLakehouse.start(
            dir.root(), new EmbeddedLakehouse.Ports(ports.kafka(), ports.s3(), ports.metastore()));
    SparkSession spark = null;
    try {
      terminal.note("Starting Spark and the Bronze, Silver and Gold queries ...");
      spark = LocalSessions.pipeline(stack.lakehouse());
      return new OwnedPipeline(stack, spark, LocalPipeline.startLayers(spark, stack, dir));
    } catch (RuntimeException e) {
      if (spark != null) {
        spark.stop();
      }
      stack.close();
      throw e;
    }
  }

  EmbeddedLakehouse stack() {
    return stack;
  }

  SparkSession spark() {
    return spark;
  }

  List<LayerSupervisor> layers() {
    return layers;
  }

  @Override
  public void close() {
    layers.forEach(LayerSupervisor::stop);
    spark.stop();
    stack.close();
  }
}
