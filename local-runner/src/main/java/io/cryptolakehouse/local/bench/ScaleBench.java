package io.cryptolakehouse.local.bench;

import io.cryptolakehouse.bronze.BronzeConfig;
import io.cryptolakehouse.bronze.BronzeIngest;
import io.cryptolakehouse.gold.GoldAggregate;
import io.cryptolakehouse.gold.GoldConfig;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.model.Topics;
import io.cryptolakehouse.silver.SilverConfig;
import io.cryptolakehouse.silver.SilverTransform;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scale}: for each size, D days of 30-second snapshots of C coins (one message per snapshot,
 * as the producer polls) replayed through Bronze, Silver and Gold on a fresh stack, each layer
 * draining with {@code available-now}. Cost per observation across sizes shows whether growth is
 * linear; the largest size, extrapolated, says how far one year is.
 */
final class ScaleBench {

  private static final Logger log = LoggerFactory.getLogger(ScaleBench.class);
  static final Duration SNAPSHOT = Duration.ofSeconds(30);
  private static final long SNAPSHOTS_PER_DAY = Duration.ofDays(1).dividedBy(SNAPSHOT);

  private ScaleBench() {}

  static boolean run(BenchOptions options, Figures figures) throws Exception {
    int coins = options.coins();
    figures
        .configure("days", options.days())
        .configure("coins", coins)
        .configure("snapshot_interval_s", SNAPSHOT.toSeconds())
        .configure("trigger", "available-now, each layer in turn, fresh stack per size");
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
      try (BenchLakehouse lakehouse =
          new BenchLakehouse(options.dataDir().resolve(days + "-days"))) {
        TopicLoad.createTopic(lakehouse.bootstrap(), Topics.PRICES_RAW, IngestBench.PARTITIONS);
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(days));
        TopicLoad.Loaded loaded =
            TopicLoad.load(
                lakehouse.bootstrap(),
                Topics.PRICES_RAW,
                new PriceMessages(coins, start, SNAPSHOT, options.seed()),
                messages);
        double bronze =
            seconds(
                lakehouse.drain("bronze", (s, c) -> BronzeIngest.start(s, BronzeConfig.from(c))));
        double silver =
            seconds(
                lakehouse.drain(
                    "silver", (s, c) -> List.of(SilverTransform.start(s, SilverConfig.from(c)))));
        double gold =
            seconds(lakehouse.drain("gold", (s, c) -> GoldAggregate.start(s, GoldConfig.from(c))));
        long silverRows = lakehouse.rows(Tables.SILVER_PRICES_CLEAN);
        long ticks = lakehouse.rows(Tables.GOLD_FACT_TICKS);
        double total = bronze + silver + gold;
        double cost = total * 1e6 / observations;
        figures
            .add(p + "messages", messages, "msg", loaded.valueBytes() / messages + " bytes each")
            .add(p + "observations", observations, "obs")
            .add(p + "preload", loaded.took().toMillis() / 1000.0, "s", "not counted below")
            .add(p + "bronze", bronze, "s")
            .add(p + "silver", silver, "s")
            .add(p + "gold", gold, "s")
            .add(p + "total", total, "s")
            .add(p + "rate", observations / total, "obs/s", "through all three layers")
            .add(p + "cost", cost, "s/Mobs");
        boolean complete = silverRows == observations && ticks == observations;
        if (!complete) {
          log.error(
              "{} days: Silver {} and Gold ticks {} rows, expected {}",
              days,
              silverRows,
              ticks,
              observations);
        }
        ok &= complete;
        smallestCost = Double.isNaN(smallestCost) ? cost : smallestCost;
        largestCost = cost;
        largestSeconds = total;
        largestDays = days;
      }
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
            "365 days x " + coins + " coins, linear from the largest size; goal <= 900");
    return ok;
  }

  private static double seconds(BenchLakehouse.LayerRun run) {
    return run.wall().toMillis() / 1000.0;
  }
}
