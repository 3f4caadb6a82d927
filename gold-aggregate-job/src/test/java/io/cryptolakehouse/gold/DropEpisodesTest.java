package io.cryptolakehouse.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.gold.DropEpisodes.Episode;
import io.cryptolakehouse.gold.DropEpisodes.Tick;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DropEpisodesTest {

  private final List<Tick> ticks = new ArrayList<>();

  private DropEpisodesTest at(long second, String price) {
    ticks.add(new Tick(second * 1_000_000L, price == null ? null : new BigDecimal(price)));
    return this;
  }

  private List<Episode> episodes() {
    return DropEpisodes.of(ticks.iterator(), 5.0, 600);
  }

  @Test
  void anObservationExactlyOneWindowOldStillCountsAsTheHigh() {
    at(0, "100").at(600, "94");

    assertThat(episodes())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.windowStartMicros()).isZero();
              assertThat(e.fromPrice()).isEqualByComparingTo("100");
              assertThat(e.pctChange()).isCloseTo(-6.0, org.assertj.core.data.Offset.offset(1e-9));
            });
  }

  @Test
  void anObservationOneSecondOlderThanTheWindowDoesNot() {
    at(0, "100").at(601, "94");

    assertThat(episodes()).isEmpty();
  }

  @Test
  void ofEqualHighsTheLatestStartsTheWindow() {
    at(0, "100").at(300, "100").at(500, "94").at(560, "99").at(700, "94");

    List<Episode> found = episodes();

    // At 500 both highs are in the window; at 700 only the one of 300 is: the same start.
    assertThat(found)
        .extracting(Episode::windowEndMicros)
        .containsExactly(500_000_000L, 700_000_000L);
    assertThat(found)
        .extracting(Episode::windowStartMicros)
        .containsExactly(300_000_000L, 300_000_000L);
  }

  @Test
  void aRunOfDroppingObservationsIsOneEpisodeAndARecoveryEndsIt() {
    at(0, "100").at(60, "94").at(120, "93").at(180, "96").at(240, "94.5").at(300, "94.9");

    assertThat(episodes())
        .extracting(Episode::windowEndMicros)
        .containsExactly(60_000_000L, 240_000_000L);
  }

  @Test
  void observationsOfTheSameSecondAreInEachOthersWindow() {
    // The later 100 of second 10 is the high of the 94 listed before it, as in a SQL range frame.
    at(0, "90").at(10, "94").at(10, "100").at(20, "99");

    assertThat(episodes())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.windowEndMicros()).isEqualTo(10_000_000L);
              assertThat(e.toPrice()).isEqualByComparingTo("94");
              assertThat(e.fromPrice()).isEqualByComparingTo("100");
            });
  }

  @Test
  void anObservationWithoutAPriceNeitherAlertsNorContinuesAnEpisode() {
    at(0, "100").at(60, "94").at(120, null).at(180, "93");

    assertThat(episodes())
        .extracting(Episode::windowEndMicros)
        .containsExactly(60_000_000L, 180_000_000L);
  }

  @Test
  void pricesBeyondADoublesPrecisionKeepTheirDigits() {
    at(0, "0.000000000202027000").at(60, "0.000000000190000001");

    assertThat(episodes())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.fromPrice()).isEqualTo(new BigDecimal("0.000000000202027000"));
              assertThat(e.toPrice()).isEqualTo(new BigDecimal("0.000000000190000001"));
            });
  }

  @Test
  void aRunThatStartedBeforeTheTrustedPartOfASliceIsLeftToTheSliceThatSeesItsStart() {
    // One run, dropping from 300 s on against the high of 0 s.
    at(0, "100").at(300, "94").at(400, "94.5").at(500, "89");
    assertThat(episodes()).extracting(Episode::windowEndMicros).containsExactly(300_000_000L);

    // A slice read from 350 s cannot see that high: it takes 500 s for a new run's start, an
    // alert under another id. Trusted only from one window after the slice's start, it does not.
    List<Tick> slice = ticks.subList(2, ticks.size());
    assertThat(DropEpisodes.of(slice.iterator(), 5.0, 600))
        .extracting(Episode::windowEndMicros)
        .containsExactly(500_000_000L);
    assertThat(DropEpisodes.of(slice.iterator(), 5.0, 600, 950_000_000L)).isEmpty();
  }
}
