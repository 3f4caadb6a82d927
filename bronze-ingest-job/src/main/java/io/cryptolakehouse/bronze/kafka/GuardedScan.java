package io.cryptolakehouse.bronze.kafka;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.types.StructType;

/** A Kafka scan whose micro-batch stream is replay-safe; everything else is the original. */
record GuardedScan(Scan scan) implements Scan {

  @Override
  public StructType readSchema() {
    return scan.readSchema();
  }

  @Override
  public String description() {
    return scan.description();
  }

  @Override
  public Batch toBatch() {
    return scan.toBatch();
  }

  @Override
  public MicroBatchStream toMicroBatchStream(String checkpointLocation) {
    return new ReplaySafeMicroBatchStream(scan.toMicroBatchStream(checkpointLocation));
  }

  @Override
  public CustomMetric[] supportedCustomMetrics() {
    return scan.supportedCustomMetrics();
  }
}
