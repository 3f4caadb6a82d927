package io.cryptolakehouse.gold;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The price-drop rule over one coin's observations in time order, in one pass: the high of the
 * look-back window comes from a deque of candidate highs (strictly decreasing prices; of equal
 * highs the latest), so each observation is compared a constant number of times on average.
 *
 * <p>Why not a Spark window: a range frame with {@code max} recomputes the aggregate over the whole
 * frame for every row, and on {@code DECIMAL(38,18)} each comparison materialises a {@code
 * BigDecimal}; that was half of Gold's CPU in a catch-up (docs/benchmarks.md). Same semantics as
 * that window: the frame is the observations whose whole second is within {@code windowSeconds}
 * before the current one's, its bounds and the current second's peers included.
 */
final class DropEpisodes {

  /**
   * One observation: its time in microseconds since the epoch, its price (null = none) and that
   * price as a double, converted once (a {@code DECIMAL(38,18)}'s conversion formats and parses the
   * number: it was most of the rule's time when done per comparison).
   */
  record Tick(long atMicros, BigDecimal price, double approxPrice) {
    Tick(long atMicros, BigDecimal price) {
      this(atMicros, price, price == null ? Double.NaN : price.doubleValue());
    }
  }

  /** The first dropping observation of a run, against the window's (latest) high. */
  record Episode(
      long windowStartMicros,
      long windowEndMicros,
      BigDecimal fromPrice,
      BigDecimal toPrice,
      double pctChange) {}

  private final double thresholdPct;
  private final long windowSeconds;
  private final Deque<Tick> highs = new ArrayDeque<>();
  private final List<Episode> episodes = new ArrayList<>();
  private final long trustedFromMicros;
  private boolean wasDropping;
  private long previousAtMicros = Long.MIN_VALUE;

  private DropEpisodes(double thresholdPct, long windowSeconds, long trustedFromMicros) {
    this.thresholdPct = thresholdPct;
    this.windowSeconds = windowSeconds;
    this.trustedFromMicros = trustedFromMicros;
  }

  /** Episodes of {@code ticks} (the whole history), which must come in ascending time. */
  static List<Episode> of(Iterator<Tick> ticks, double thresholdPct, long windowSeconds) {
    return of(ticks, thresholdPct, windowSeconds, Long.MIN_VALUE);
  }

  /**
   * Episodes of {@code ticks}, a slice of the history starting {@code windowSeconds} before {@code
   * trustedFromMicros}. An episode starts where a dropping observation follows one that is not:
   * both judged on their whole look-back. Before {@code trustedFromMicros} the look-back is cut, so
   * a run that started there cannot be told from one that started earlier: only runs whose
   * preceding observation is at or after it are episodes. The slice that reads further back finds
   * the others, under the same id, whatever the slice's start.
   */
  static List<Episode> of(
      Iterator<Tick> ticks, double thresholdPct, long windowSeconds, long trustedFromMicros) {
    DropEpisodes rule = new DropEpisodes(thresholdPct, windowSeconds, trustedFromMicros);
    List<Tick> peers = new ArrayList<>();
    while (ticks.hasNext()) {
      Tick tick = ticks.next();
      if (!peers.isEmpty() && secondOf(tick) != secondOf(peers.get(0))) {
        rule.judge(peers);
        peers.clear();
      }
      peers.add(tick);
    }
    if (!peers.isEmpty()) {
      rule.judge(peers);
    }
    return rule.episodes;
  }

  /** Observations of one second: all of them are in each one's frame. */
  private void judge(List<Tick> peers) {
    for (Tick tick : peers) {
      if (tick.price() == null) {
        continue;
      }
      // Equal ones too: of equal highs the latest is the window's start, as with SQL's max_by.
      while (!highs.isEmpty() && highs.peekLast().price().compareTo(tick.price()) <= 0) {
        highs.pollLast();
      }
      highs.addLast(tick);
    }
    long oldest = secondOf(peers.get(0)) - windowSeconds;
    while (!highs.isEmpty() && secondOf(highs.peekFirst()) < oldest) {
      highs.pollFirst();
    }
    for (Tick tick : peers) {
      Boolean dropping = isDropping(tick);
      if (Boolean.TRUE.equals(dropping) && !wasDropping && previousAtMicros >= trustedFromMicros) {
        Tick high = highs.peekFirst();
        episodes.add(
            new Episode(
                high.atMicros(), tick.atMicros(), high.price(), tick.price(), pctChange(tick)));
      }
      wasDropping = Boolean.TRUE.equals(dropping);
      previousAtMicros = tick.atMicros();
    }
  }

  private Boolean isDropping(Tick tick) {
    if (tick.price() == null || highs.peekFirst().price().signum() == 0) {
      return null;
    }
    return pctChange(tick) <= -thresholdPct;
  }

  /** As the SQL rule computed it: in doubles, (price / high - 1) * 100. */
  private double pctChange(Tick tick) {
    return (tick.approxPrice() / highs.peekFirst().approxPrice() - 1) * 100;
  }

  private static long secondOf(Tick tick) {
    return Math.floorDiv(tick.atMicros(), 1_000_000L);
  }
}
