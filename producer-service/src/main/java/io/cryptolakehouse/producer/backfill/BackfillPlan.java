package io.cryptolakehouse.producer.backfill;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits history into calls CoinGecko answers with hourly points. The API picks the granularity
 * from the range's length: up to 1 day from now, about 5-minute points; 2 to 90 days, hourly;
 * longer, one point a day. So a long range becomes equal pieces of at most {@code chunk} (≤ 90
 * days), and a short gap is widened to {@link #MIN_WINDOW} — Silver keeps points only for hours
 * nobody observed, so the extra hours fetched around a gap change nothing.
 */
final class BackfillPlan {

  /** Ranges at least this long come back hourly rather than every 5 minutes. */
  static final Duration MIN_WINDOW = Duration.ofDays(2);

  private BackfillPlan() {}

  /** Every coin over {@code from}..{@code to}, in equal pieces no longer than {@code chunk}. */
  static List<Chunk> ofRange(List<String> coins, Instant from, Instant to, Duration chunk) {
    List<Chunk> chunks = new ArrayList<>();
    for (String coin : coins) {
      chunks.addAll(split(coin, from, to, chunk));
    }
    return chunks;
  }

  /**
   * The gaps, each widened to at least {@link #MIN_WINDOW} (forward up to {@code now}, then back),
   * overlapping windows of a coin merged, then split like {@link #ofRange}.
   */
  static List<Chunk> ofGaps(List<Chunk> gaps, Instant now, Duration chunk) {
    Map<String, List<Chunk>> windows = new LinkedHashMap<>();
    gaps.stream()
        .sorted(Comparator.comparing(Chunk::coin).thenComparing(Chunk::from))
        .forEach(
            gap ->
                merge(
                    windows.computeIfAbsent(gap.coin(), c -> new ArrayList<>()), widen(gap, now)));
    List<Chunk> chunks = new ArrayList<>();
    windows
        .values()
        .forEach(ws -> ws.forEach(w -> chunks.addAll(split(w.coin(), w.from(), w.to(), chunk))));
    return chunks;
  }

  private static Chunk widen(Chunk gap, Instant now) {
    Duration missing = MIN_WINDOW.minus(Duration.between(gap.from(), gap.to()));
    if (missing.isNegative() || missing.isZero()) {
      return gap;
    }
    Instant to = gap.to().plus(missing);
    if (to.isAfter(now)) {
      to = now.isAfter(gap.to()) ? now : gap.to();
    }
    Instant from = to.minus(MIN_WINDOW);
    return new Chunk(gap.coin(), from.isBefore(gap.from()) ? from : gap.from(), to);
  }

  private static void merge(List<Chunk> windows, Chunk next) {
    if (!windows.isEmpty()) {
      Chunk last = windows.get(windows.size() - 1);
      if (!next.from().isAfter(last.to())) {
        Instant to = next.to().isAfter(last.to()) ? next.to() : last.to();
        windows.set(windows.size() - 1, new Chunk(last.coin(), last.from(), to));
        return;
      }
    }
    windows.add(next);
  }

  private static List<Chunk> split(String coin, Instant from, Instant to, Duration chunk) {
    long seconds = Duration.between(from, to).toSeconds();
    long pieces = Math.max(1, (seconds + chunk.toSeconds() - 1) / chunk.toSeconds());
    List<Chunk> chunks = new ArrayList<>();
    for (long i = 0; i < pieces; i++) {
      Instant start = from.plusSeconds(seconds * i / pieces);
      Instant end = i == pieces - 1 ? to : from.plusSeconds(seconds * (i + 1) / pieces);
      chunks.add(new Chunk(coin, start, end));
    }
    return chunks;
  }
}
