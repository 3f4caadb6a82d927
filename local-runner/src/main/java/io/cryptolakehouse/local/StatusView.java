package io.cryptolakehouse.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptolakehouse.maintenance.MaintenanceReport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Renders a {@link Status}: a screen for people, one JSON line for scripts. */
final class StatusView {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private StatusView() {}

  static String text(Status s, String header) {
    StringBuilder b = new StringBuilder();
    b.append(
        "crypto-lakehouse (local) · %s · source %s · %s%n"
            .formatted(s.state(), s.source(), time(s.at())));
    if (!header.isBlank()) {
      b.append(header).append('\n');
    }
    b.append('\n');
    b.append("%-8s %-26s %12s%n".formatted("LAYER", "TABLE", "ROWS"));
    for (Status.TableRows t : s.tables()) {
      b.append("%-8s %-26s %12s%n".formatted(t.layer(), t.table(), num(t.rows())));
    }
    b.append('\n');
    b.append(
        "kafka published %s · bronze lag %s · quarantined %s · freshness %s%n"
            .formatted(
                num(s.published()),
                num(s.kafkaLag()),
                num(s.quarantined()),
                s.freshnessSeconds() == null
                    ? "-"
                    : s.freshnessSeconds() + " s (newest tick " + time(s.newestTick()) + ")"));
    b.append("producer %s%n".formatted(s.producer()));
    if (s.maintenance() != null) {
      b.append(maintenanceLine(s.maintenance())).append('\n');
    }
    if (!s.queries().isEmpty()) {
      b.append('\n');
      b.append(
          "%-28s %-10s %-21s %9s %8s%n"
              .formatted("QUERY", "STATE", "LAST BATCH", "DURATION", "ROWS IN"));
      for (Status.QueryState q : s.queries()) {
        b.append(
            "%-28s %-10s %-21s %9s %8s%n"
                .formatted(
                    q.name(),
                    q.state(),
                    time(q.lastBatch()),
                    q.batchMillis() == null ? "-" : "%.1f s".formatted(q.batchMillis() / 1000.0),
                    num(q.inputRows())));
        if (q.error() != null) {
          b.append("    ").append(q.error()).append('\n');
        }
      }
    }
    if (!s.prices().isEmpty()) {
      b.append('\n');
      b.append("%-16s %22s  %-21s%n".formatted("COIN", "PRICE USD", "HOUR"));
      for (Status.CoinPrice p : s.prices()) {
        b.append(
            "%-16s %22s  %-21s%s%n"
                .formatted(
                    p.coin(),
                    p.priceUsd() == null ? "-" : p.priceUsd().stripTrailingZeros().toPlainString(),
                    time(p.hour()),
                    p.simulated() ? " (simulated)" : ""));
      }
    }
    return b.toString();
  }

  static String maintenanceLine(Status.Maintenance m) {
    StringBuilder b = new StringBuilder("maintenance ").append(m.schedule());
    MaintenanceReport last = m.last();
    if (last == null) {
      b.append(" · not run yet");
    } else {
      b.append(
          " · last %s (%.1f s%s): data files %d → %d, snapshots %d → %d"
              .formatted(
                  time(Instant.parse(last.startedAt())),
                  last.durationMillis() / 1000.0,
                  last.ok() ? "" : ", with errors",
                  last.dataFilesBefore(),
                  last.dataFilesAfter(),
                  last.snapshotsBefore(),
                  last.snapshotsAfter()));
    }
    if (m.next() != null) {
      b.append(" · next ").append(time(m.next()));
    }
    return b.toString();
  }

  /** A one-line summary, for logs and non-interactive consoles. */
  static String summary(Status s) {
    StringBuilder b = new StringBuilder();
    b.append(time(s.at())).append(' ').append(s.state());
    for (Status.TableRows t : s.tables()) {
      b.append(' ').append(t.table()).append('=').append(num(t.rows()));
    }
    b.append(" published=").append(num(s.published()));
    b.append(" lag=").append(num(s.kafkaLag()));
    b.append(" freshness_s=").append(num(s.freshnessSeconds()));
    return b.toString();
  }

  static String json(Status s) {
    ObjectNode root = JSON.createObjectNode();
    root.put("at", iso(s.at()));
    root.put("state", s.state());
    root.put("source", s.source());
    ObjectNode tables = root.putObject("rows");
    for (Status.TableRows t : s.tables()) {
      tables.put(t.layer() + "." + t.table(), t.rows());
    }
    root.put("kafka_published", s.published());
    root.put("bronze_rows", s.bronzeRows());
    root.put("kafka_lag", s.kafkaLag());
    root.put("quarantined", s.quarantined());
    root.put("newest_tick", iso(s.newestTick()));
    root.put("freshness_seconds", s.freshnessSeconds());
    root.put("producer", s.producer());
    ArrayNode queries = root.putArray("queries");
    for (Status.QueryState q : s.queries()) {
      ObjectNode n = queries.addObject();
      n.put("name", q.name());
      n.put("state", q.state());
      n.put("last_batch", iso(q.lastBatch()));
      n.put("batch_ms", q.batchMillis());
      n.put("input_rows", q.inputRows());
      n.put("error", q.error());
    }
    if (s.maintenance() != null) {
      ObjectNode m = root.putObject("maintenance");
      m.put("schedule", s.maintenance().schedule());
      m.put("next", iso(s.maintenance().next()));
      MaintenanceReport last = s.maintenance().last();
      if (last != null) {
        try {
          m.set("last", JSON.readTree(last.toJson()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      } else {
        m.putNull("last");
      }
    }
    ArrayNode prices = root.putArray("prices");
    for (Status.CoinPrice p : s.prices()) {
      ObjectNode n = prices.addObject();
      n.put("coin_id", p.coin());
      n.put("price_usd", p.priceUsd());
      n.put("hour", iso(p.hour()));
      n.put("simulated", p.simulated());
    }
    return root.toString();
  }

  private static String iso(Instant t) {
    return t == null ? null : t.toString();
  }

  private static String time(Instant t) {
    return t == null ? "-" : TIME.format(t);
  }

  private static String num(Long n) {
    return n == null ? "-" : n.toString();
  }
}
