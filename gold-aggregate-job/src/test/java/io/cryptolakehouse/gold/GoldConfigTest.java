package io.cryptolakehouse.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptolakehouse.spark.JobSettings;
import io.cryptolakehouse.spark.LakehouseConfig;
import io.cryptolakehouse.spark.StreamSettings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoldConfigTest {

  private static GoldConfig configWith(String... keyValues) {
    Map<String, String> settings = new HashMap<>();
    settings.put(LakehouseConfig.S3_ACCESS_KEY, "test-key");
    settings.put(LakehouseConfig.S3_SECRET_KEY, "test-secret");
    for (int i = 0; i < keyValues.length; i += 2) {
      settings.put(keyValues[i], keyValues[i + 1]);
    }
    return GoldConfig.from(JobSettings.of(settings));
  }

  @Test
  void theDayWideQueryTriggersAtTheStreamsPaceButNotFasterThanItsMinimum() {
    assertThat(configWith(StreamSettings.TRIGGER, "1 second").dayWideStream().trigger())
        .isEqualTo("30 seconds");
    assertThat(configWith(StreamSettings.TRIGGER, "1 second").stream().trigger())
        .as("the bars keep the stream's trigger")
        .isEqualTo("1 second");
    assertThat(configWith(StreamSettings.TRIGGER, "2 minutes").dayWideStream().trigger())
        .isEqualTo("2 minutes");
    assertThat(configWith(StreamSettings.TRIGGER, "available-now").dayWideStream().trigger())
        .isEqualTo("available-now");
    assertThat(
            configWith(StreamSettings.TRIGGER, "1 second", GoldConfig.DAY_WIDE_TRIGGER, "5 seconds")
                .dayWideStream()
                .trigger())
        .isEqualTo("5 seconds");
  }

  @Test
  void aBadDayWideTriggerFailsAtStartupNamingTheKey() {
    assertThatThrownBy(() -> configWith(GoldConfig.DAY_WIDE_TRIGGER, "hourly"))
        .hasMessageContaining(GoldConfig.DAY_WIDE_TRIGGER);
  }
}
