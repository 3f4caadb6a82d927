package io.cryptolakehouse.bronze.kafka;

import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.ReportsSourceMetrics;
import org.apache.spark.sql.connector.read.streaming.SupportsAdmissionControl;
import org.apache.spark.sql.connector.read.streaming.SupportsTriggerAvailableNow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delegates to Spark's Kafka micro-batch stream (admission control and AvailableNow included); only
 * {@link #metrics} is guarded, see {@link ReplaySafeKafkaProvider}.
 */
final class ReplaySafeMicroBatchStream
    implements MicroBatchStream, SupportsTriggerAvailableNow, ReportsSourceMetrics {

  private static final Logger log = LoggerFactory.getLogger(ReplaySafeMicroBatchStream.class);

  private final MicroBatchStream stream;

  ReplaySafeMicroBatchStream(MicroBatchStream stream) {
    this.stream = stream;
  }

  @Override
  public Map<String, String> metrics(Optional<Offset> latestConsumedOffset) {
    if (!(stream instanceof ReportsSourceMetrics reporting)) {
      return Map.of();
    }
    try {
      return reporting.metrics(latestConsumedOffset);
    } catch (NullPointerException replayedBatchBeforeLatestOffsetKnown) {
      log.debug("Kafka lag metrics unavailable for a replayed batch");
      return Map.of();
    }
  }

  @Override
  public Offset latestOffset() {
    return stream.latestOffset();
  }

  @Override
  public Offset latestOffset(Offset startOffset, ReadLimit limit) {
    return admission().latestOffset(startOffset, limit);
  }

  @Override
  public ReadLimit getDefaultReadLimit() {
    return admission().getDefaultReadLimit();
  }

  @Override
  public Offset reportLatestOffset() {
    return admission().reportLatestOffset();
  }

  @Override
  public void prepareForTriggerAvailableNow() {
    ((SupportsTriggerAvailableNow) stream).prepareForTriggerAvailableNow();
  }

  @Override
  public InputPartition[] planInputPartitions(Offset start, Offset end) {
    return stream.planInputPartitions(start, end);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return stream.createReaderFactory();
  }

  @Override
  public Offset initialOffset() {
    return stream.initialOffset();
  }

  @Override
  public Offset deserializeOffset(String json) {
    return stream.deserializeOffset(json);
  }

  @Override
  public void commit(Offset end) {
    stream.commit(end);
  }

  @Override
  public void stop() {
    stream.stop();
  }

  @Override
  public String toString() {
    return stream.toString();
  }

  private SupportsAdmissionControl admission() {
    return (SupportsAdmissionControl) stream;
  }
}
