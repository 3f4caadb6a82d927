package io.cryptolakehouse.silver;

import java.time.ZoneId;
import org.apache.spark.sql.catalyst.util.TimestampFormatter;

/**
 * Why a record or an observation is rejected: the rule's name and a detail a person can act on.
 * Values in details are written as Spark SQL writes them, so a detail reads the same as a query's
 * result.
 */
record Verdict(String rule, String detail) {

  /** The first {@code maxChars} characters of {@code text} (never half a surrogate pair). */
  static String quoted(String text, int maxChars) {
    if (text == null || text.length() <= maxChars) {
      return text;
    }
    int end = text.offsetByCodePoints(0, Math.min(maxChars, text.codePointCount(0, text.length())));
    return text.substring(0, end);
  }

  /** A timestamp as {@code CAST(ts AS STRING)} writes it in the session's time zone. */
  static String timestampText(long micros, ZoneId zone) {
    // Spark's own formatter for that cast: details are made for rejected rows only.
    return TimestampFormatter.getFractionFormatter(zone).format(micros);
  }
}
