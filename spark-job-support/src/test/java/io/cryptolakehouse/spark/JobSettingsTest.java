package io.cryptolakehouse.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;

class JobSettingsTest {

  @Test
  void readsOnlySparkCryptoKeysFromSparkConf() {
    SparkConf conf =
        new SparkConf(false).set("spark.crypto.catalog", "cat").set("crypto.ignored", "x");

    JobSettings settings = JobSettings.from(conf);

    assertThat(settings.string("spark.crypto.catalog", "d")).isEqualTo("cat");
    assertThat(settings.string("spark.crypto.other", "d")).isEqualTo("d");
  }

  @Test
  void badValuesFailNamingTheKey() {
    JobSettings settings = JobSettings.of(Map.of("spark.crypto.n", "-3", "spark.crypto.b", "yes"));

    assertThatThrownBy(() -> settings.nonNegativeLong("spark.crypto.n", 0))
        .hasMessageContaining("spark.crypto.n");
    assertThatThrownBy(() -> settings.bool("spark.crypto.b", true))
        .hasMessageContaining("spark.crypto.b");
    assertThatThrownBy(() -> settings.secret("spark.crypto.s3.secret-key", "AWS_SECRET_ACCESS_KEY"))
        .hasMessageContaining("spark.crypto.s3.secret-key")
        .hasMessageContaining("AWS_SECRET_ACCESS_KEY");
  }

  @Test
  void lakehouseConfigNeverPrintsItsKeys() {
    LakehouseConfig config =
        LakehouseConfig.from(
            JobSettings.of(
                Map.of(
                    LakehouseConfig.S3_ACCESS_KEY, "AKIA-SECRET",
                    LakehouseConfig.S3_SECRET_KEY, "very-secret")));

    assertThat(config.toString()).doesNotContain("AKIA-SECRET").doesNotContain("very-secret");
    assertThat(config.sparkSettings())
        .containsEntry("spark.sql.catalog.lakehouse.type", "hive")
        .containsEntry("spark.sql.defaultCatalog", "lakehouse")
        .containsEntry("spark.hadoop.fs.s3a.path.style.access", "true");
  }

  @Test
  void parsesTriggers() {
    assertThat(StreamTrigger.parse("k", "available-now")).isEqualTo(Trigger.AvailableNow());
    assertThat(StreamTrigger.parse("k", "30 seconds"))
        .isEqualTo(Trigger.ProcessingTime("30 seconds"));
    assertThatThrownBy(() -> StreamTrigger.parse("spark.crypto.trigger", "often"))
        .hasMessageContaining("spark.crypto.trigger");
  }

  @Test
  void raisesAShortTriggerToAMinimumOnly() {
    Duration minimum = Duration.ofSeconds(30);

    assertThat(StreamTrigger.atLeast("k", "1 second", minimum)).isEqualTo("30 seconds");
    assertThat(StreamTrigger.atLeast("k", "2 minutes", minimum)).isEqualTo("2 minutes");
    assertThat(StreamTrigger.atLeast("k", "available-now", minimum)).isEqualTo("available-now");
    assertThatThrownBy(() -> StreamTrigger.atLeast("spark.crypto.trigger", "often", minimum))
        .hasMessageContaining("spark.crypto.trigger");
  }
}
