package io.cryptolakehouse.bench;

import io.cryptolakehouse.bronze.BronzeConfig;
import io.cryptolakehouse.local.support.Layer;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.model.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scale}: for each size, D days of 30-second snapshots of C coins (one message per snapshot,
 * as the producer polls) replayed through Bronze, Silver and Gold (its own topic, tables emptied
 * between sizes), each layer draining with {@code available-now}. Cost per observation across sizes
 * shows whether growth is linear; the largest size, extrapolated, says how far one year is.
 */
final class ScaleBench {

  private static final Logger log = LoggerFactory.getLogger(ScaleBench.class);
  static final Duration SNAPSHOT = Duration.ofSeconds(30);
  private static final long SNAPSHOTS_PER_DAY = Duration.ofDays(1).dividedBy(SNAPSHOT);

  /** Three hours of snapshots: enough for every code path to be compiled. */
  private static final long WARM_UP_SNAPSHOTS = 360;

  private ScaleBench() {}

  static boolean run(BenchOptions options, BenchLakehouse lakehouse, Figures figures)
      throws Exception {
    int coins = options.coins();
    figures
        .configure("days", options.days())
        .configure("coins", coins)
        .configure("snapshot_interval_s", SNAPSHOT.toSeconds())
        .configure("trigger", "available-now, each layer in turn, emptied between sizes");
    // Unreported warm-up: the first pass through each layer pays for class loading and the JIT,
    // which would make the smallest size look expensive and growth look better than linear.
    log.info("scale: warm-up, {} snapshots", WARM_UP_SNAPSHOTS);
    replay(lakehouse, options, "warm-up", WARM_UP_SNAPSHOTS);
    boolean ok = true;
    double smallestCost = Double.NaN;
    double largestCost = Double.NaN;
    double largestSeconds = 0;
    int largestDays = 0;
    for (int days : options.days()) {
      long messages = days * SNAPSHOTS_PER_DAY;
      long observations = messages * coins;
      String p = "d" + days + "_";
      log.info("scale: {} days x {} coins = {} messages", days, coins, messages);
      Replay r = replay(lakehouse, options, days + "d", messages);
      double total = r.bronze() + r.silver() + r.gold();
      double cost = total * 1e6 / observations;
      figures
          .add(p + "messages", messages, "msg", r.bytes() / messages + " bytes each")
          .add(p + "observations", observations, "obs")
          .add(p + "preload", r.preload(), "s", "not counted below")
          .add(p + "bronze", r.bronze(), "s")
          .add(p + "silver", r.silver(), "s")
          .add(p + "gold", r.gold(), "s")
          .add(p + "total", total, "s")
          .add(p + "rate", observations / total, "obs/s", "through all three layers")
          .add(p + "cost", cost, "s/Mobs");
      boolean complete = r.silverRows() == observations && r.ticks() == observations;
      if (!complete) {
        log.error(
            "{} days: Silver {} and Gold ticks {} rows, expected {}",
            days,
            r.silverRows(),
            r.ticks(),
            observations);
      }
      ok &= complete;
      smallestCost = Double.isNaN(smallestCost) ? cost : smallestCost;
      largestCost = cost;
      largestSeconds = total;
      largestDays = days;
    }
    figures
        .add(
            "cost_growth",
            largestCost / smallestCost,
            "",
            "largest/smallest size per observation; 1 = linear")
        .add(
            "projected_1y",
            largestSeconds * 365 / largestDays,
            "s",
            "365 days x " + coins + " coins, linear from the largest size; goal <= 1800");
    return ok;
  }

  /** One size's replay: seconds per layer (preload apart), bytes loaded, rows that arrived. */
  private record Replay(
      double preload,
      double bronze,
      double silver,
      double gold,
      long bytes,
      long silverRows,
      long ticks) {}

  /** From nothing, on the one stack: its own topic, emptied tables and checkpoints. */
  private static Replay replay(
      BenchLakehouse lakehouse, BenchOptions options, String name, long messages) throws Exception {
    lakehouse.reset(Layer.BRONZE, Layer.SILVER, Layer.GOLD);
    String topic = Topics.PRICES_RAW + ".scale-" + name;
    TopicLoad.createTopic(lakehouse.bootstrap(), topic, IngestBench.PARTITIONS);
    // Snapshots ending at midnight today, as a replay of the last days.
    Instant start =
        Instant.now().truncatedTo(ChronoUnit.DAYS).minus(SNAPSHOT.multipliedBy(messages));
    TopicLoad.Loaded loaded =
        TopicLoad.load(
            lakehouse.bootstrap(),
            topic,
            new PriceMessages(options.coins(), start, SNAPSHOT, options.seed()),
            messages);
    double bronze =
        seconds(lakehouse.drain(Layer.BRONZE, Map.of(BronzeConfig.PRICES_TOPIC, topic)));
    double silver = seconds(lakehouse.drain(Layer.SILVER));
    double gold = seconds(lakehouse.drain(Layer.GOLD));
    return new Replay(
        loaded.took().toMillis() / 1000.0,
        bronze,
        silver,
        gold,
        loaded.valueBytes(),
        lakehouse.rows(Tables.SILVER_PRICES_CLEAN),
        lakehouse.rows(Tables.GOLD_FACT_TICKS));
  }

  private static double seconds(BenchLakehouse.LayerRun run) {
    return run.wall().toMillis() / 1000.0;
  }
}
