package io.cryptolakehouse.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A scenario's results in order: a table for people, a map for the JSON line and file. */
final class Figures {

  private record Figure(String name, Object value, String unit, String note) {}

  private static final Set<String> COUNTS = Set.of("", "rows", "obs", "msg", "batches");

  private final List<Figure> figures = new ArrayList<>();
  private final Map<String, Object> configuration = new LinkedHashMap<>();

  Figures add(String name, Object value, String unit, String note) {
    figures.add(new Figure(name, round(value), unit, note));
    return this;
  }

  Figures add(String name, Object value, String unit) {
    return add(name, value, unit, "");
  }

  /** How the figures were obtained (sizes, settings): printed first, kept in the JSON. */
  Figures configure(String name, Object value) {
    configuration.put(name, value);
    return this;
  }

  List<String> table() {
    List<String> lines = new ArrayList<>();
    configuration.forEach((k, v) -> lines.add("  " + k + ": " + v));
    int width = figures.stream().mapToInt(f -> f.name().length()).max().orElse(0);
    for (Figure f : figures) {
      String value =
          f.value() instanceof Double d
              ? String.format(Locale.ROOT, "%,.2f", d)
              : f.value() instanceof Long l ? String.format(Locale.ROOT, "%,d", l) : "" + f.value();
      lines.add(
          String.format(
                  Locale.ROOT,
                  "%-" + width + "s  %16s %-10s %s",
                  f.name(),
                  value,
                  f.unit(),
                  f.note())
              .stripTrailing());
    }
    return lines;
  }

  Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("configuration", configuration);
    for (Figure f : figures) {
      json.put(key(f), f.value());
    }
    return json;
  }

  /** The name, with the unit for measures ({@code bronze_rate_msg_s}) but not for counts. */
  private static String key(Figure f) {
    return COUNTS.contains(f.unit()) ? f.name() : f.name() + "_" + f.unit().replace('/', '_');
  }

  private static Object round(Object value) {
    if (value instanceof Double d) {
      return Math.round(d * 1000) / 1000.0;
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    return value;
  }
}
