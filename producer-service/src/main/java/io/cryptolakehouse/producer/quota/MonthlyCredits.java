package io.cryptolakehouse.producer.quota;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.OptionalLong;

/**
 * This month's API credits. CoinGecko counts every call, errors included, against a monthly
 * allowance on keyed plans (none on the keyless public API: {@code 0} here). Without a report from
 * the API the producer counts its own calls since the month began (this process's: a restart starts
 * that count again, so it errs towards spending); with one (Pro's {@code /key}) it counts from the
 * API's remaining figure. Months are calendar months in UTC.
 */
public final class MonthlyCredits {

  private final Clock clock;
  private long allowance;
  private YearMonth month;
  private long used;
  private Long reportedRemaining;
  private long usedSinceReport;

  public MonthlyCredits(long allowance, Clock clock) {
    if (allowance < 0) {
      throw new IllegalArgumentException("a monthly allowance cannot be negative: " + allowance);
    }
    this.allowance = allowance;
    this.clock = clock;
    this.month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
  }

  /** One call made (whatever its outcome). */
  public synchronized void recordCall() {
    roll();
    used++;
    usedSinceReport++;
  }

  /** What the API says of this key: its monthly allowance and the credits left now. */
  public synchronized void report(long monthlyAllowance, long remaining) {
    roll();
    if (monthlyAllowance > 0) {
      allowance = monthlyAllowance;
    }
    reportedRemaining = Math.max(0, remaining);
    usedSinceReport = 0;
  }

  /** Credits left this month; empty when there is no monthly allowance to count against. */
  public synchronized OptionalLong remaining() {
    roll();
    if (reportedRemaining != null) {
      return OptionalLong.of(Math.max(0, reportedRemaining - usedSinceReport));
    }
    return allowance == 0 ? OptionalLong.empty() : OptionalLong.of(Math.max(0, allowance - used));
  }

  /** Whether the remaining figure came from the API (else from the producer's own count). */
  public synchronized boolean reported() {
    roll();
    return reportedRemaining != null;
  }

  public synchronized long allowance() {
    return allowance;
  }

  /** When the month's credits renew: the first instant of next month, UTC. */
  public synchronized Instant renewsAt() {
    roll();
    return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private void roll() {
    YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
    if (!now.equals(month)) {
      month = now;
      used = 0;
      reportedRemaining = null;
      usedSinceReport = 0;
    }
  }
}
