package io.cryptolakehouse.producer.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.producer.poll.FakeTime;
import io.cryptolakehouse.producer.source.ApiRequest.Endpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuotaPacerTest {

  private static final Duration PRICE = Duration.ofSeconds(30);
  private static final Duration MARKETS = Duration.ofSeconds(600);

  private static QuotaPacer pacer(MonthlyCredits credits, Clock clock) {
    return new QuotaPacer(
        credits,
        clock,
        Map.of(Endpoint.SIMPLE_PRICE, PRICE, Endpoint.COINS_MARKETS, MARKETS),
        Map.of(Endpoint.SIMPLE_PRICE, 1, Endpoint.COINS_MARKETS, 1));
  }

  /** When the credits first ran out in the last {@link #run}; null if they did not. */
  private static Instant ranOut;

  /** Ticks both endpoints at their configured rates until {@code end}; returns the calls made. */
  private static long run(QuotaPacer pacer, MonthlyCredits credits, FakeTime time, Instant end) {
    long calls = 0;
    long tick = 0;
    ranOut = null;
    while (time.now().isBefore(end)) {
      if (ranOut == null && credits.remaining().orElse(1) == 0) {
        ranOut = time.now();
      }
      if (pacer.due(Endpoint.SIMPLE_PRICE)) {
        credits.recordCall();
        calls++;
      }
      if (tick % (MARKETS.toSeconds() / PRICE.toSeconds()) == 0
          && pacer.due(Endpoint.COINS_MARKETS)) {
        credits.recordCall();
        calls++;
      }
      tick++;
      time.sleep(PRICE);
    }
    return calls;
  }

  @Test
  void withoutAMonthlyAllowanceEveryTickPolls() {
    FakeTime time = new FakeTime(Instant.parse("2026-12-01T00:00:00Z"));
    Clock clock = time.clock;
    MonthlyCredits credits = new MonthlyCredits(0, clock);
    QuotaPacer pacer = pacer(credits, clock);

    long calls = run(pacer, credits, time, Instant.parse("2026-12-01T01:00:00Z"));

    assertThat(calls).isEqualTo(120 + 6);
    assertThat(pacer.factor()).isEqualTo(1);
  }

  @Test
  void aDemoKeysTenThousandCreditsLastTheWholeMonthAndMostAreUsed() {
    // A 30 s poll alone would spend 2 880 credits a day: the month's 10 000 in under four days.
    FakeTime time = new FakeTime(Instant.parse("2026-12-01T00:00:00Z"));
    Clock clock = time.clock;
    MonthlyCredits credits = new MonthlyCredits(10_000, clock);
    QuotaPacer pacer = pacer(credits, clock);

    long calls = run(pacer, credits, time, Instant.parse("2027-01-01T00:00:00Z"));

    assertThat(calls).isBetween(9_000L, 10_000L);
    // Spread to the end: the last credits go in the month's last hour, if at all.
    if (ranOut != null) {
      assertThat(ranOut).isAfter(Instant.parse("2026-12-31T23:00:00Z"));
    }
    // At the start the price interval was widened about 9.4 times: 31 days x 86 400 s x
    // (1/30 + 1/600) calls/s = 93 744 planned calls for 10 000 credits.
    assertThat(QuotaPacer.factor(10_000, Duration.ofDays(31), 1 / 30.0 + 1 / 600.0))
        .isCloseTo(9.37, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void creditsThatSufficeLeaveTheIntervalsAlone() {
    FakeTime time = new FakeTime(Instant.parse("2026-12-01T00:00:00Z"));
    Clock clock = time.clock;
    MonthlyCredits credits = new MonthlyCredits(500_000, clock);
    QuotaPacer pacer = pacer(credits, clock);

    long calls = run(pacer, credits, time, Instant.parse("2026-12-02T00:00:00Z"));

    assertThat(calls).isEqualTo(2_880 + 144);
    assertThat(pacer.interval(Endpoint.SIMPLE_PRICE)).isEqualTo(PRICE);
  }

  @Test
  void usedUpCreditsStopPollingUntilTheMonthRenews() {
    FakeTime time = new FakeTime(Instant.parse("2026-12-31T23:00:00Z"));
    Clock clock = time.clock;
    MonthlyCredits credits = new MonthlyCredits(10_000, clock);
    credits.report(10_000, 2);
    QuotaPacer pacer = pacer(credits, clock);
    assertThat(credits.renewsAt()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));

    long beforeRenewal = run(pacer, credits, time, Instant.parse("2027-01-01T00:00:00Z"));

    assertThat(beforeRenewal).isEqualTo(2);
    assertThat(pacer.exhausted()).isTrue();

    // January: the allowance again, counted by the producer until the API reports.
    assertThat(pacer.due(Endpoint.SIMPLE_PRICE)).isTrue();
    assertThat(pacer.exhausted()).isFalse();
    assertThat(credits.remaining()).hasValue(10_000);
    assertThat(credits.renewsAt()).isEqualTo(Instant.parse("2027-02-01T00:00:00Z"));
  }

  @Test
  void theApisReportReplacesTheProducersOwnCount() {
    FakeTime time = new FakeTime(Instant.parse("2026-12-10T00:00:00Z"));
    Clock clock = time.clock;
    MonthlyCredits credits = new MonthlyCredits(100_000, clock);
    credits.recordCall();
    assertThat(credits.remaining()).hasValue(99_999);
    assertThat(credits.reported()).isFalse();

    credits.report(500_000, 123_456);
    credits.recordCall();

    assertThat(credits.allowance()).isEqualTo(500_000);
    assertThat(credits.remaining()).hasValue(123_455);
    assertThat(credits.reported()).isTrue();
  }
}
