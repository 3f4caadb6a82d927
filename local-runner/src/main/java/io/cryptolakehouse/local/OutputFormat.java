package io.cryptolakehouse.local;

import io.cryptolakehouse.local.support.UsageError;

/** How results are printed: aligned for people, CSV or JSON lines for scripts. */
enum OutputFormat {
  TABLE,
  CSV,
  JSONL;

  static OutputFormat parse(String value) {
    return switch (value) {
      case "table" -> TABLE;
      case "csv" -> CSV;
      case "jsonl" -> JSONL;
      default -> throw new UsageError("--format must be table, csv or jsonl, was '" + value + "'");
    };
  }
}
