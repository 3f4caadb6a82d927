package io.cryptolakehouse.bench;

import io.cryptolakehouse.local.support.Layer;
import io.cryptolakehouse.model.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code layers}: Silver, then Gold, each draining everything upstream of it with {@code
 * available-now}, over the Bronze table {@code ingest} filled. Silver and Gold start empty every
 * run (tables dropped, checkpoints deleted), so runs compare.
 */
final class LayersBench {

  private static final Logger log = LoggerFactory.getLogger(LayersBench.class);

  private LayersBench() {}

  static boolean run(BenchOptions options, BenchLakehouse lakehouse, Figures figures)
      throws Exception {
    boolean ok = true;
    if (lakehouse.rows(Tables.BRONZE_TICKS_RAW) == 0) {
      log.info("No Bronze rows in {}: running ingest first", options.dataDir());
      ok = IngestBench.run(options, lakehouse, figures);
    }
    lakehouse.reset(Layer.SILVER, Layer.GOLD);
    long bronzeRows = lakehouse.rows(Tables.BRONZE_TICKS_RAW);
    figures.configure("bronze_rows", bronzeRows).configure("trigger", "available-now");

    BenchLakehouse.LayerRun silver = lakehouse.drain(Layer.SILVER);
    long observations = lakehouse.rows(Tables.SILVER_PRICES_CLEAN);
    long quarantined = lakehouse.rows(Tables.SILVER_PRICES_REJECTED);
    double silverSeconds = IngestBench.seconds(silver.wall().toMillis());
    figures
        .add("silver_time", silverSeconds, "s")
        .add(
            "silver_batches",
            silver.batches(),
            "batches",
            "each at most its cap, or one larger file")
        .add("silver_messages_rate", bronzeRows / silverSeconds, "msg/s", "Bronze rows in")
        .add("silver_observations_rate", observations / silverSeconds, "obs/s", "Silver rows out")
        .add("silver_rows", observations, "rows")
        .add("silver_quarantined", quarantined, "rows");

    BenchLakehouse.LayerRun gold = lakehouse.drain(Layer.GOLD);
    long ticks = lakehouse.rows(Tables.GOLD_FACT_TICKS);
    long hourly = lakehouse.rows(Tables.GOLD_FACT_HOURLY);
    double goldSeconds = IngestBench.seconds(gold.wall().toMillis());
    figures
        .add("gold_time", goldSeconds, "s", "six tables")
        .add("gold_batches", gold.batches(), "batches")
        .add("gold_observations_rate", observations / goldSeconds, "obs/s", "Silver rows in")
        .add(
            "gold_ticks", ticks, "rows", ticks == observations ? "= Silver rows" : "!= Silver rows")
        .add("gold_hourly_bars", hourly, "rows");
    return ok && quarantined == 0 && ticks == observations && observations > 0;
  }
}
