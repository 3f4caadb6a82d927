package io.cryptolakehouse.silver;

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
 * @param maxFilesPerBatch caps how many Bronze data files one micro-batch reads (0 = no cap)
 */
public record SilverConfig(
    LakehouseConfig lakehouse,
    StreamSettings stream,
    Duration maxObservationAge,
    long maxFilesPerBatch) {

  public static final Duration DEFAULT_MAX_OBSERVATION_AGE = Duration.ofMinutes(5);
  public static final String MAX_OBSERVATION_AGE_SECONDS =
      JobSettings.PREFIX + "silver.max-observation-age-seconds";
  public static final String MAX_FILES_PER_BATCH =
      JobSettings.PREFIX + "silver.max-files-per-batch";

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
        s.nonNegativeLong(MAX_FILES_PER_BATCH, 0));
  }
}
