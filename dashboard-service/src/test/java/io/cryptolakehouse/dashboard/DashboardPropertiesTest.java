package io.cryptolakehouse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DashboardPropertiesTest {

  @Test
  void namesTheKeyAndItsVariableWhenASettingIsWrong() {
    assertThatThrownBy(
            () ->
                new DashboardProperties.Lakehouse(
                    "localhost:9083", "", "us-east-1", "a", "s", true))
        .hasMessage(
            "Invalid configuration: crypto.lakehouse.metastore-uri (HIVE_METASTORE_URI) must be"
                + " thrift://host:port, was 'localhost:9083'");
    assertThatThrownBy(
            () ->
                new DashboardProperties.Lakehouse(
                    "thrift://m:9083", "", "us-east-1", "", "s", true))
        .hasMessageContaining("AWS_ACCESS_KEY_ID");
    assertThatThrownBy(() -> new DashboardProperties.Dashboard(Duration.ofHours(1), 92))
        .hasMessageContaining("DASHBOARD_CACHE_TTL");
    assertThatThrownBy(() -> new DashboardProperties.Topics("", "a", "p"))
        .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  void neverPrintsTheS3Keys() {
    var lakehouse =
        new DashboardProperties.Lakehouse(
            "thrift://m:9083", "http://s3:9000", "us-east-1", "AKID", "SECRET", true);

    assertThat(lakehouse.toString()).doesNotContain("AKID").doesNotContain("SECRET");
  }
}
