package io.cryptolakehouse.maintenance;

import io.cryptolakehouse.spark.JobSettings;
import io.cryptolakehouse.spark.StreamSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a maintenance run keeps and what it compacts ({@code spark.crypto.maintenance.*}).
 *
 * @param catalog the Spark catalog the tables live in
 * @param checkpointRoot where the streaming queries keep their checkpoints: the snapshots their
 *     next batches start from are never expired
 * @param snapshotRetention how far back time travel reaches (older snapshots are expired)
 * @param retainLast snapshots kept per table whatever their age
 * @param maxSnapshots snapshots kept per table at most, however young: a table committed every few
 *     seconds would otherwise carry days of them in a {@code metadata.json} that every commit
 *     rewrites (docs/benchmarks.md, metadata)
 * @param orphanAge files not referenced by any snapshot are deleted once this old; young ones may
 *     belong to a commit in flight
 * @param bronzeRetention how long Bronze keeps raw records, whole days; zero keeps them forever
 * @param minInputFiles a partition is compacted once it holds this many small files
 * @param minManifests a table's manifests are rewritten once its snapshot has this many
 * @param candleRetention how long Gold keeps each candle interval ({@code 1m}, ...), whole days; an
 *     interval not named, or zero, keeps its candles forever
 */
public record MaintenanceSettings(
    String catalog,
    String checkpointRoot,
    Duration snapshotRetention,
    int retainLast,
    int maxSnapshots,
    Duration orphanAge,
    Duration bronzeRetention,
    int minInputFiles,
    int minManifests,
    Map<String, Duration> candleRetention) {

  static final String PREFIX = JobSettings.PREFIX + "maintenance.";
  public static final String SNAPSHOT_RETENTION_HOURS = PREFIX + "snapshot-retention-hours";
  public static final String RETAIN_LAST = PREFIX + "retain-last";
  public static final String MAX_SNAPSHOTS = PREFIX + "max-snapshots";
  public static final String ORPHAN_AGE_HOURS = PREFIX + "orphan-age-hours";
  public static final String BRONZE_RETENTION_DAYS = PREFIX + "bronze-retention-days";
  public static final String MIN_INPUT_FILES = PREFIX + "min-input-files";
  public static final String MIN_MANIFESTS = PREFIX + "min-manifests";

  /** Followed by an interval: {@code ...candle-retention-days.1m}. */
  public static final String CANDLE_RETENTION_DAYS = PREFIX + "candle-retention-days.";

  /** One-minute candles for a week, five-minute ones for a month, the rest forever. */
  public static final Map<String, Duration> DEFAULT_CANDLE_RETENTION =
      Map.of(
          "1m",
          Duration.ofDays(7),
          "5m",
          Duration.ofDays(30),
          "15m",
          Duration.ZERO,
          "1h",
          Duration.ZERO,
          "1d",
          Duration.ZERO);

  /** The intervals Gold builds candles at. */
  static final List<String> CANDLE_INTERVALS = List.of("1m", "5m", "15m", "1h", "1d");

  /**
   * About 1 MB of {@code metadata.json}. A simulated day of Gold's low-latency commits kept 2 880
   * snapshots under the 72-hour retention alone, and its commits were 3× slower at hour 24 than at
   * hour 1 (+46 % already at 1 440; docs/benchmarks.md, metadata). Four hours of history at the
   * local runner's 15-second Gold trigger, eight at the jobs' 30-second default; tables committed
   * less often keep the whole retention.
   */
  public static final int DEFAULT_MAX_SNAPSHOTS = 1_000;

  public static final int DEFAULT_RETAIN_LAST = 5;
  public static final Duration DEFAULT_SNAPSHOT_RETENTION = Duration.ofHours(72);
  public static final Duration DEFAULT_ORPHAN_AGE = Duration.ofHours(72);
  public static final Duration DEFAULT_BRONZE_RETENTION = Duration.ofDays(30);
  static final int DEFAULT_MIN_INPUT_FILES = 5;
  static final int DEFAULT_MIN_MANIFESTS = 8;

  /** Expiring younger snapshots, or deleting younger unreferenced files, races running streams. */
  private static final Duration SHORTEST_SAFE_AGE = Duration.ofHours(1);

  public MaintenanceSettings {
    candleRetention = Map.copyOf(candleRetention);
    if (retainLast < 1 || minInputFiles < 2 || minManifests < 2) {
      throw new IllegalArgumentException(
          "retainLast must be >= 1, minInputFiles and minManifests >= 2");
    }
    if (maxSnapshots < retainLast) {
      throw new IllegalArgumentException(
          MAX_SNAPSHOTS
              + " ("
              + maxSnapshots
              + ") must be at least "
              + RETAIN_LAST
              + " ("
              + retainLast
              + ")");
    }
  }

  /**
   * Reads the settings, refusing values that would make maintenance unsafe beside running streams:
   * expiring snapshots younger than an hour, or deleting unreferenced files younger than an hour (a
   * streaming commit in flight has written files nothing references yet).
   */
  public static MaintenanceSettings from(JobSettings s, String catalog) {
    return new MaintenanceSettings(
        catalog,
        s.string(StreamSettings.CHECKPOINT_DIR, "s3a://warehouse/_checkpoints"),
        Duration.ofHours(
            atLeast(s, SNAPSHOT_RETENTION_HOURS, DEFAULT_SNAPSHOT_RETENTION.toHours(), 1)),
        (int) atLeast(s, RETAIN_LAST, DEFAULT_RETAIN_LAST, 1),
        (int) atLeast(s, MAX_SNAPSHOTS, DEFAULT_MAX_SNAPSHOTS, 1),
        Duration.ofHours(atLeast(s, ORPHAN_AGE_HOURS, DEFAULT_ORPHAN_AGE.toHours(), 1)),
        Duration.ofDays(
            s.nonNegativeLong(BRONZE_RETENTION_DAYS, DEFAULT_BRONZE_RETENTION.toDays())),
        (int) atLeast(s, MIN_INPUT_FILES, DEFAULT_MIN_INPUT_FILES, 2),
        (int) atLeast(s, MIN_MANIFESTS, DEFAULT_MIN_MANIFESTS, 2),
        candleRetention(s));
  }

  private static Map<String, Duration> candleRetention(JobSettings s) {
    Map<String, Duration> retention = new LinkedHashMap<>();
    for (String interval : CANDLE_INTERVALS) {
      Duration fallback = DEFAULT_CANDLE_RETENTION.get(interval);
      retention.put(
          interval,
          Duration.ofDays(s.nonNegativeLong(CANDLE_RETENTION_DAYS + interval, fallback.toDays())));
    }
    return retention;
  }

  /**
   * The settings a runner chooses (the local runner's options), typed; every other one its default.
   * Checked like {@link #from}.
   */
  public static MaintenanceSettings withDefaults(
      String catalog,
      String checkpointRoot,
      Duration snapshotRetention,
      int maxSnapshots,
      Duration bronzeRetention) {
    // What from() refuses for a job, refused for a runner too (tests build the record directly).
    if (snapshotRetention.compareTo(SHORTEST_SAFE_AGE) < 0) {
      throw new IllegalArgumentException(
          SNAPSHOT_RETENTION_HOURS + " must be at least 1, was " + snapshotRetention.toHours());
    }
    return new MaintenanceSettings(
        catalog,
        checkpointRoot,
        snapshotRetention,
        DEFAULT_RETAIN_LAST,
        maxSnapshots,
        DEFAULT_ORPHAN_AGE,
        bronzeRetention,
        DEFAULT_MIN_INPUT_FILES,
        DEFAULT_MIN_MANIFESTS,
        DEFAULT_CANDLE_RETENTION);
  }

  static long atLeast(JobSettings s, String key, long defaultValue, long minimum) {
    long value = s.nonNegativeLong(key, defaultValue);
    if (value < minimum || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          key + " must be between " + minimum + " and " + Integer.MAX_VALUE + ", was " + value);
    }
    return value;
  }
}
