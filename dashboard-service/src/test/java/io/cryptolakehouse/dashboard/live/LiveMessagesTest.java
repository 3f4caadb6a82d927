package io.cryptolakehouse.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptolakehouse.dashboard.lakehouse.Alert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class LiveMessagesTest {

  private static final Path SAMPLES = Path.of("../test-data/coingecko");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void readsTheGoldJobsAlertJson() {
    // What Spark's to_json writes for a row of gold.price_drop_alerts.
    Alert alert =
        LiveMessages.alert(
            "{\"alert_id\":\"solana@2026-12-03 11:08:00\",\"coin_id\":\"solana\","
                + "\"window_start\":\"2026-12-03T11:00:00.000Z\","
                + "\"window_end\":\"2026-12-03T11:08:00.000+01:00\",\"from_price\":50.000000000000000000,"
                + "\"to_price\":46.1,\"pct_change\":-7.8,"
                + "\"detected_at\":\"2026-12-03T11:08:05.123Z\",\"is_simulated\":false}");

    assertThat(alert.alertId()).isEqualTo("solana@2026-12-03 11:08:00");
    assertThat(alert.windowEnd()).isEqualTo(Instant.parse("2026-12-03T10:08:00Z"));
    assertThat(alert.fromPrice()).isEqualTo("50");
    assertThat(alert.toPrice()).isEqualTo("46.1");
    assertThat(alert.pctChange()).isEqualTo(-7.8);
    assertThat(alert.simulated()).isFalse();
  }

  @Test
  void rejectsAlertsThatCannotBeShownWithTheReason() {
    assertThatThrownBy(() -> LiveMessages.alert("not json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not JSON");
    assertThatThrownBy(() -> LiveMessages.alert("{\"coin_id\":\"x\"}"))
        .hasMessage("alert_id is missing");
    assertThatThrownBy(
            () ->
                LiveMessages.alert(
                    "{\"alert_id\":\"a\",\"coin_id\":\"x\",\"from_price\":\"high\"}"))
        .hasMessage("from_price is not a number");
    assertThatThrownBy(
            () ->
                LiveMessages.alert(
                    "{\"alert_id\":\"a\",\"coin_id\":\"x\",\"window_end\":\"noon\"}"))
        .hasMessage("window_end is not a timestamp: noon");
  }

  @Test
  void pricesOfARealSimplePriceResponseWithoutLastUpdatedUseTheFetchTime() throws IOException {
    List<PriceTick> ticks =
        LiveMessages.prices(
            envelope("/simple/price", sample("01_simple_price_real_2coins_vol_change_pulse.json")));

    assertThat(ticks)
        .containsExactlyInAnyOrder(
            new PriceTick("bitcoin", "84449", Instant.parse("2026-11-25T16:38:21Z"), false),
            new PriceTick("ethereum", "2686.81", Instant.parse("2026-11-25T16:38:21Z"), false));
  }

  @Test
  void skipsCoinsWithoutAUsablePriceAndOtherEndpoints() throws IOException {
    List<PriceTick> ticks =
        LiveMessages.prices(
            envelope(
                "/simple/price",
                sample("03_simple_price_handwritten_missing_field_null_sci_pulse.json")));

    assertThat(ticks).extracting(PriceTick::coinId).containsExactly("bitcoin");
    assertThat(LiveMessages.prices(envelope("/coins/markets", "[]"))).isEmpty();
    assertThatThrownBy(() -> LiveMessages.prices("{oops"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not an envelope");
  }

  @Test
  void usesLastUpdatedAtWhenTheBodyHasIt() {
    List<PriceTick> ticks =
        LiveMessages.prices(
            envelope(
                "/simple/price",
                "{\"cardano\":{\"usd\":0.000000000202027,\"last_updated_at\":1764088701}}"));

    assertThat(ticks)
        .containsExactly(
            new PriceTick(
                "cardano", "0.000000000202027", Instant.ofEpochSecond(1764088701), false));
  }

  @Test
  void aLastUpdatedAtNoInstantCanHoldFallsBackToTheFetchTimeInsteadOfEndingTheFeed() {
    List<PriceTick> ticks =
        LiveMessages.prices(
            envelope(
                "/simple/price",
                "{\"bitcoin\":{\"usd\":1,\"last_updated_at\":9223372036854775807},"
                    + "\"ethereum\":{\"usd\":2,\"last_updated_at\":-5}}"));

    assertThat(ticks)
        .extracting(PriceTick::observedAt)
        .containsOnly(Instant.parse("2026-11-25T16:38:21Z"));
  }

  private static String sample(String name) throws IOException {
    return Files.readString(SAMPLES.resolve(name)).trim();
  }

  private static String envelope(String endpoint, String body) {
    return JSON.writeValueAsString(
        new io.cryptolakehouse.model.envelope.ApiEnvelope(
            1,
            "coingecko",
            "coingecko_v3",
            endpoint,
            List.of("bitcoin", "ethereum"),
            200,
            "2026-11-25T16:38:21Z",
            false,
            body));
  }
}
