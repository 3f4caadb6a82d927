package io.cryptolakehouse.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchLimitsTest {

  @Test
  void capsRowsByDefaultAndFilesOnlyWhenAsked() {
    assertThat(BatchLimits.from(JobSettings.of(Map.of()), "silver", 20_000))
        .isEqualTo(new BatchLimits(0, 20_000));
    assertThat(
            BatchLimits.from(
                JobSettings.of(
                    Map.of(
                        "spark.crypto.silver.max-rows-per-batch", "0",
                        "spark.crypto.silver.max-files-per-batch", "3")),
                "silver",
                20_000))
        .isEqualTo(new BatchLimits(3, 0));
  }

  @Test
  void aNegativeCapFailsNamingItsKey() {
    assertThatThrownBy(
            () ->
                BatchLimits.from(
                    JobSettings.of(Map.of("spark.crypto.gold.max-rows-per-batch", "-1")),
                    "gold",
                    1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spark.crypto.gold.max-rows-per-batch");
  }
}
