package io.cryptolakehouse.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptolakehouse.spark.JobSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaintenanceSettingsTest {

  @Test
  void defaultsKeepThreeDaysOfTimeTravelAndThirtyDaysOfBronze() {
    MaintenanceSettings s = MaintenanceSettings.from(JobSettings.of(Map.of()), "lakehouse");

    assertThat(s.snapshotRetention()).isEqualTo(Duration.ofDays(3));
    assertThat(s.orphanAge()).isEqualTo(Duration.ofDays(3));
    assertThat(s.bronzeRetention()).isEqualTo(Duration.ofDays(30));
    assertThat(s.retainLast()).isEqualTo(5);
    assertThat(s.maxSnapshots()).isEqualTo(1_000);
    assertThat(s.minInputFiles()).isEqualTo(5);
    assertThat(s.checkpointRoot()).isEqualTo("s3a://warehouse/_checkpoints");
  }

  @Test
  void candlesOfOneMinuteLastAWeekOfFiveMinutesAMonthAndTheRestForever() {
    MaintenanceSettings defaults = MaintenanceSettings.from(JobSettings.of(Map.of()), "c");
    MaintenanceSettings set =
        MaintenanceSettings.from(
            JobSettings.of(
                Map.of(
                    MaintenanceSettings.CANDLE_RETENTION_DAYS + "1m", "2",
                    MaintenanceSettings.CANDLE_RETENTION_DAYS + "1d", "400")),
            "c");

    assertThat(defaults.candleRetention())
        .containsEntry("1m", Duration.ofDays(7))
        .containsEntry("5m", Duration.ofDays(30))
        .containsEntry("15m", Duration.ZERO)
        .containsEntry("1h", Duration.ZERO)
        .containsEntry("1d", Duration.ZERO);
    assertThat(set.candleRetention())
        .containsEntry("1m", Duration.ofDays(2))
        .containsEntry("5m", Duration.ofDays(30))
        .containsEntry("1d", Duration.ofDays(400));
  }

  @Test
  void readsEveryKey() {
    MaintenanceSettings s =
        MaintenanceSettings.from(
            JobSettings.of(
                Map.of(
                    MaintenanceSettings.SNAPSHOT_RETENTION_HOURS,
                    "6",
                    MaintenanceSettings.RETAIN_LAST,
                    "2",
                    MaintenanceSettings.MAX_SNAPSHOTS,
                    "300",
                    MaintenanceSettings.ORPHAN_AGE_HOURS,
                    "24",
                    MaintenanceSettings.BRONZE_RETENTION_DAYS,
                    "0",
                    MaintenanceSettings.MIN_INPUT_FILES,
                    "10",
                    MaintenanceSettings.MIN_MANIFESTS,
                    "20",
                    "spark.crypto.checkpoint-dir",
                    "/tmp/cp")),
            "c");

    assertThat(s)
        .isEqualTo(
            new MaintenanceSettings(
                "c",
                "/tmp/cp",
                Duration.ofHours(6),
                2,
                300,
                Duration.ofHours(24),
                Duration.ZERO,
                10,
                20,
                MaintenanceSettings.DEFAULT_CANDLE_RETENTION));
  }

  @Test
  void refusesUnsafeOrMeaninglessValuesNamingTheKey() {
    assertThatThrownBy(() -> settings(MaintenanceSettings.ORPHAN_AGE_HOURS, "0"))
        .hasMessageContaining(MaintenanceSettings.ORPHAN_AGE_HOURS);
    assertThatThrownBy(() -> settings(MaintenanceSettings.SNAPSHOT_RETENTION_HOURS, "0"))
        .hasMessageContaining(MaintenanceSettings.SNAPSHOT_RETENTION_HOURS);
    assertThatThrownBy(() -> settings(MaintenanceSettings.MIN_INPUT_FILES, "1"))
        .hasMessageContaining(MaintenanceSettings.MIN_INPUT_FILES);
    assertThatThrownBy(() -> settings(MaintenanceSettings.RETAIN_LAST, "three"))
        .hasMessageContaining(MaintenanceSettings.RETAIN_LAST);
    assertThatThrownBy(() -> settings(MaintenanceSettings.MAX_SNAPSHOTS, "0"))
        .hasMessageContaining(MaintenanceSettings.MAX_SNAPSHOTS);
    // Fewer than retain-last would contradict it: refused, naming both.
    assertThatThrownBy(() -> settings(MaintenanceSettings.MAX_SNAPSHOTS, "3"))
        .hasMessageContaining(MaintenanceSettings.MAX_SNAPSHOTS)
        .hasMessageContaining(MaintenanceSettings.RETAIN_LAST);
    assertThatThrownBy(() -> settings(MaintenanceConfig.INTERVAL_MINUTES, "-5"))
        .hasMessageContaining(MaintenanceConfig.INTERVAL_MINUTES);
  }

  private static void settings(String key, String value) {
    MaintenanceConfig.from(
        JobSettings.of(
            Map.of(
                key, value, "spark.crypto.s3.access-key", "a", "spark.crypto.s3.secret-key", "b")));
  }
}
