package io.cryptolakehouse.silver;

import io.cryptolakehouse.spark.BatchLimits;
import io.cryptolakehouse.spark.JobSettings;
import io.cryptolakehouse.spark.LakehouseConfig;
import io.cryptolakehouse.spark.StreamSettings;
import java.time.Duration;

/**
 * The Silver job's settings ({@code spark.crypto.*}).
 *
 * @param maxObservationAge how far CoinGecko's {@code last_updated_at} may be from the moment the
 *     producer fetched it before the observation is quarantined as stale (live and simulated data
 *     only; replays and backfills are historical by nature)
 * @param batchLimits caps on the Bronze files and rows one micro-batch reads; rows are Bronze
 *     messages, each of one to a few hundred observations
 */
public record SilverConfig(
    LakehouseConfig lakehouse,
    StreamSettings stream,
    Duration maxObservationAge,
    BatchLimits batchLimits) {

  public static final Duration DEFAULT_MAX_OBSERVATION_AGE = Duration.ofMinutes(5);
  public static final String MAX_OBSERVATION_AGE_SECONDS =
      JobSettings.PREFIX + "silver.max-observation-age-seconds";
  public static final String MAX_FILES_PER_BATCH = BatchLimits.key("silver", BatchLimits.MAX_FILES);
  public static final String MAX_ROWS_PER_BATCH = BatchLimits.key("silver", BatchLimits.MAX_ROWS);

  /**
   * 20 000 Bronze messages: 200 000 observations of ten coins, about 17 s of work here; a catch-up
   * of 10 M observations in one batch ran a 3 GB heap out of memory.
   */
  public static final long DEFAULT_MAX_ROWS_PER_BATCH = 20_000;

  public static SilverConfig from(JobSettings s) {
    long ageSeconds =
        s.nonNegativeLong(MAX_OBSERVATION_AGE_SECONDS, DEFAULT_MAX_OBSERVATION_AGE.toSeconds());
    if (ageSeconds == 0) {
      throw new IllegalArgumentException(MAX_OBSERVATION_AGE_SECONDS + " must be > 0");
    }
    return new SilverConfig(
        LakehouseConfig.from(s),
        StreamSettings.from(s, "30 seconds"),
        Duration.ofSeconds(ageSeconds),
        BatchLimits.from(s, "silver", DEFAULT_MAX_ROWS_PER_BATCH));
  }
}
