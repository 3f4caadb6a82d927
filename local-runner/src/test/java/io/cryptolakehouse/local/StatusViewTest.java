package io.cryptolakehouse.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptolakehouse.maintenance.MaintenanceReport;
import io.cryptolakehouse.maintenance.TableReport;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusViewTest {

  private static final Instant AT = Instant.parse("2026-11-25T19:52:03Z");

  private static Status status() {
    return new Status(
        AT,
        "running",
        "simulated",
        List.of(
            new Status.TableRows("bronze", "crypto_ticks_raw", 27L),
            new Status.TableRows("silver", "crypto_prices_rejected", 3L),
            new Status.TableRows("gold", "price_drop_alerts", null)),
        29L,
        28L,
        3L,
        Instant.parse("2026-11-25T19:51:31Z"),
        List.of(
            new Status.QueryState(
                "gold-aggregates",
                "running",
                Instant.parse("2026-11-25T19:51:52Z"),
                10900L,
                20L,
                null)),
        "running (pid 1)",
        List.of(
            new Status.CoinPrice(
                "bitcoin",
                new BigDecimal("97455.666179400000000000"),
                Instant.parse("2026-11-25T19:00:00Z"),
                true)),
        new Status.Maintenance(
            "every 30 min",
            new MaintenanceReport(
                "2026-11-25T19:30:00Z",
                12_400,
                List.of(
                    new TableReport(
                        "silver.crypto_prices_clean",
                        48,
                        2,
                        24,
                        1,
                        90_000,
                        20_000,
                        60,
                        9,
                        51,
                        3,
                        1,
                        48,
                        2,
                        3,
                        0,
                        0,
                        12_000,
                        null,
                        null))),
            Instant.parse("2026-11-25T20:00:00Z")));
  }

  @Test
  void lagAndFreshnessAreDerivedFromTheCounts() {
    assertThat(status().kafkaLag()).isEqualTo(1);
    assertThat(status().freshnessSeconds()).isEqualTo(32);
  }

  @Test
  void jsonKeepsTheFieldNamesScriptsRelyOn() throws Exception {
    JsonNode json = new ObjectMapper().readTree(StatusView.json(status()));

    assertThat(json.get("state").asText()).isEqualTo("running");
    assertThat(json.get("rows").get("bronze.crypto_ticks_raw").asLong()).isEqualTo(27);
    assertThat(json.get("rows").get("gold.price_drop_alerts").isNull()).isTrue();
    assertThat(json.get("kafka_published").asLong()).isEqualTo(29);
    assertThat(json.get("bronze_rows").asLong()).isEqualTo(28);
    assertThat(json.get("kafka_lag").asLong()).isEqualTo(1);
    assertThat(json.get("quarantined").asLong()).isEqualTo(3);
    assertThat(json.get("freshness_seconds").asLong()).isEqualTo(32);
    assertThat(json.get("queries").get(0).get("batch_ms").asLong()).isEqualTo(10900);
    assertThat(json.get("maintenance").get("next").asText()).isEqualTo("2026-11-25T20:00:00Z");
    assertThat(
            json.get("maintenance")
                .get("last")
                .get("tables")
                .get(0)
                .get("snapshotsExpired")
                .asLong())
        .isEqualTo(51);
    assertThat(json.get("prices").get(0).get("price_usd").decimalValue())
        .isEqualByComparingTo("97455.6661794");
  }

  @Test
  void textShowsEveryPartOfTheView() {
    String text = StatusView.text(status(), "data /tmp/x");

    assertThat(text)
        .contains("crypto-lakehouse (local) · running · source simulated · 2026-11-25 19:52:03Z")
        .contains("data /tmp/x")
        .containsPattern("bronze +crypto_ticks_raw +27")
        .containsPattern("gold +price_drop_alerts +-")
        .contains("kafka published 29 · bronze lag 1 · quarantined 3 · freshness 32 s")
        .containsPattern("gold-aggregates +running +2026-11-25 19:51:52Z +10.9 s +20")
        .containsPattern("bitcoin +97455.6661794 +2026-11-25 19:00:00Z +\\(simulated\\)")
        .contains(
            "maintenance every 30 min · last 2026-11-25 19:30:00Z (12.4 s): data files 48 → 2,"
                + " snapshots 60 → 9 · next 2026-11-25 20:00:00Z");
  }
}
