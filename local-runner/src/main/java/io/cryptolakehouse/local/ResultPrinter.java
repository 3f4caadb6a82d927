package io.cryptolakehouse.local;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Prints a query result as an aligned table, CSV (RFC 4180) or JSON lines. */
final class ResultPrinter {

  private ResultPrinter() {}

  static void print(Dataset<Row> result, OutputFormat format, Terminal terminal) {
    if (format == OutputFormat.JSONL) {
      // Spark's own JSON writer: exact decimals, ISO-8601 UTC timestamps, nulls kept.
      result.toJSON().collectAsList().forEach(terminal::line);
      return;
    }
    String[] columns = result.columns();
    List<String[]> rows = new ArrayList<>();
    for (Row row : result.collectAsList()) {
      String[] cells = new String[columns.length];
      for (int i = 0; i < columns.length; i++) {
        cells[i] = row.isNullAt(i) ? null : text(row.get(i));
      }
      rows.add(cells);
    }
    if (format == OutputFormat.CSV) {
      terminal.line(csvLine(columns));
      rows.forEach(r -> terminal.line(csvLine(r)));
    } else {
      table(columns, rows, terminal);
    }
  }

  private static String text(Object value) {
    if (value instanceof BigDecimal d) {
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
    return String.valueOf(value);
  }

  private static String csvLine(String[] cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      String c = cells[i];
      if (c == null) {
        continue;
      }
      if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
        b.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static void table(String[] columns, List<String[]> rows, Terminal terminal) {
    int[] widths = new int[columns.length];
    for (int i = 0; i < columns.length; i++) {
      widths[i] = columns[i].length();
      for (String[] r : rows) {
        widths[i] = Math.max(widths[i], r[i] == null ? 4 : r[i].length());
      }
    }
    terminal.line(tableLine(columns, widths));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
    }
    terminal.line(rule.toString());
    rows.forEach(r -> terminal.line(tableLine(r, widths)));
    terminal.line("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
  }

  private static String tableLine(String[] cells, int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String c = cells[i] == null ? "NULL" : cells[i];
      b.append(i == 0 ? "" : " | ").append(c).append(" ".repeat(widths[i] - c.length()));
    }
    return b.toString().stripTrailing();
  }
}
