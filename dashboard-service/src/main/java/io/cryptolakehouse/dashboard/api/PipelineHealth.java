package io.cryptolakehouse.dashboard.api;

import io.cryptolakehouse.dashboard.lakehouse.Lakehouse;
import io.cryptolakehouse.model.TableId;
import io.cryptolakehouse.model.Tables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * How fresh each layer is: the newest event time in its table (from file statistics, no data read),
 * how long ago that was, its row count, and how many observations Silver quarantined.
 */
@Component
class PipelineHealth {

  /** One layer's freshness; {@code newest} is null when its table is missing or empty. */
  record Layer(
      String layer, String table, String column, Instant newest, Long lagSeconds, Long rows) {}

  record Health(Instant checkedAt, List<Layer> layers, Long quarantined) {}

  private final Lakehouse lakehouse;
  private final Clock clock;

  PipelineHealth(Lakehouse lakehouse) {
    this.lakehouse = lakehouse;
    this.clock = Clock.systemUTC();
  }

  Health check() {
    Instant now = clock.instant();
    List<Layer> layers =
        lakehouse.cached(
            "health",
            () ->
                List.of(
                    layer("bronze", Tables.BRONZE_TICKS_RAW, "kafka_timestamp", now),
                    layer("silver", Tables.SILVER_PRICES_CLEAN, "api_timestamp", now),
                    layer("gold", Tables.GOLD_FACT_TICKS, "api_timestamp", now)));
    Long quarantined =
        lakehouse.cached(
            "quarantined", () -> lakehouse.rowCount(Tables.SILVER_PRICES_REJECTED).orElse(null));
    return new Health(now, layers, quarantined);
  }

  private Layer layer(String name, TableId table, String column, Instant now) {
    Optional<Instant> newest = lakehouse.newest(table, column);
    return new Layer(
        name,
        table.toString(),
        column,
        newest.orElse(null),
        newest.map(n -> Duration.between(n, now).toSeconds()).orElse(null),
        lakehouse.rowCount(table).orElse(null));
  }
}
