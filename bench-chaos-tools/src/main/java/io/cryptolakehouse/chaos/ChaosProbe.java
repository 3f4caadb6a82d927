package io.cryptolakehouse.chaos;

import io.cryptolakehouse.model.TableId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the tables' metadata says: commits and row counts (no scans). */
final class ChaosProbe {

  private static final Logger log = LoggerFactory.getLogger(ChaosProbe.class);

  private final SparkSession spark;
  private final String catalog;

  ChaosProbe(SparkSession spark, String catalog) {
    this.spark = spark;
    this.catalog = catalog;
  }

  /** The table, fresh from the catalog; empty while it is missing or the catalog is down. */
  Optional<Table> table(TableId id) {
    try {
      Table table = Spark3Util.loadIcebergTable(spark, id.qualifiedIn(catalog));
      table.refresh();
      return Optional.of(table);
    } catch (Exception e) {
      log.debug("Cannot load {}: {}", id, e.toString());
      return Optional.empty();
    }
  }

  /** The time of the table's first commit after {@code since}, if any yet. */
  Optional<Instant> firstCommitAfter(TableId id, Instant since) {
    return table(id)
        .flatMap(
            t ->
                StreamSupport.stream(t.snapshots().spliterator(), false)
                    .map(Snapshot::timestampMillis)
                    .filter(ms -> ms > since.toEpochMilli())
                    .min(Long::compare)
                    .map(Instant::ofEpochMilli));
  }

  /**
   * Waits until the table has a commit after {@code since}; how long after {@code since} it came,
   * or empty after {@code timeout}.
   */
  Optional<Duration> awaitCommitAfter(TableId id, Instant since, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      Optional<Instant> commit = firstCommitAfter(id, since);
      if (commit.isPresent()) {
        return Optional.of(Duration.between(since, commit.get()));
      }
      Thread.sleep(1000); // each look reads the metastore and S3: do not load them much
    }
    return Optional.empty();
  }
}
