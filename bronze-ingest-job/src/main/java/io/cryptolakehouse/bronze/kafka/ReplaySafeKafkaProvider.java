package io.cryptolakehouse.bronze.kafka;

import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.kafka010.KafkaSourceProvider;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * Spark's Kafka source, unchanged except that a restart which replays an unfinished micro-batch no
 * longer kills the query.
 *
 * <p>Why: in Spark 4.1.1 (and 4.1.3) the Kafka stream's progress metrics throw a
 * NullPointerException when the first batch after a restart is a replay of a batch planned before
 * the crash (SPARK-55271 / SPARK-57438: {@code Some(null)} in {@code
 * KafkaMicroBatchStream.metrics}). That is exactly the crash-recovery path exactly-once depends on.
 * This provider delegates everything to {@link KafkaSourceProvider} and only guards the metrics
 * call. Use it as {@code .format(ReplaySafeKafkaProvider.class.getName())} with the usual Kafka
 * options; drop it once the Spark version in use carries the fix.
 */
public final class ReplaySafeKafkaProvider implements TableProvider {

  private final KafkaSourceProvider kafka = new KafkaSourceProvider();

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return kafka.inferSchema(options);
  }

  @Override
  public Table getTable(
      StructType schema, Transform[] partitioning, Map<String, String> properties) {
    return new GuardedTable((SupportsRead) kafka.getTable(schema, partitioning, properties));
  }

  /** The Kafka table with scans whose streams are {@link ReplaySafeMicroBatchStream}s. */
  private record GuardedTable(SupportsRead table) implements SupportsRead {

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
      ScanBuilder builder = table.newScanBuilder(options);
      return () -> new GuardedScan(builder.build());
    }

    @Override
    public String name() {
      return table.name();
    }

    @Override
    @SuppressWarnings("deprecation")
    public StructType schema() {
      return table.schema();
    }

    @Override
    public Column[] columns() {
      return table.columns();
    }

    @Override
    public Set<TableCapability> capabilities() {
      return table.capabilities();
    }
  }
}
