package io.cryptolakehouse.spark;

import org.apache.spark.sql.streaming.DataStreamReader;

/**
 * Bounds on one micro-batch of a query that streams an Iceberg table's appends. Without a bound, a
 * catch-up (after an outage, or the first start over a full table) is one batch of everything
 * pending, and a batch is held whole by the job's {@code MERGE}: ten million observations filled a
 * 3 GB heap (docs/benchmarks.md). Iceberg plans whole data files, so a batch holds at least one
 * file even when that file alone exceeds {@code maxRows}; the upstream job's own batch cap bounds
 * the files.
 *
 * @param maxFiles at most this many data files per batch (0 = no cap)
 * @param maxRows at most this many rows per batch, counted from the files' metadata (0 = no cap)
 */
public record BatchLimits(long maxFiles, long maxRows) {

  public static final String MAX_FILES = "max-files-per-batch";
  public static final String MAX_ROWS = "max-rows-per-batch";

  /** Reads {@code spark.crypto.<job>.max-files-per-batch} and {@code ...max-rows-per-batch}. */
  public static BatchLimits from(JobSettings settings, String job, long defaultMaxRows) {
    return new BatchLimits(
        settings.nonNegativeLong(key(job, MAX_FILES), 0),
        settings.nonNegativeLong(key(job, MAX_ROWS), defaultMaxRows));
  }

  public static String key(String job, String limit) {
    return JobSettings.PREFIX + job + "." + limit;
  }

  public DataStreamReader applyTo(DataStreamReader reader) {
    DataStreamReader limited = reader;
    if (maxFiles > 0) {
      limited = limited.option("streaming-max-files-per-micro-batch", maxFiles);
    }
    if (maxRows > 0) {
      limited = limited.option("streaming-max-rows-per-micro-batch", maxRows);
    }
    return limited;
  }
}
