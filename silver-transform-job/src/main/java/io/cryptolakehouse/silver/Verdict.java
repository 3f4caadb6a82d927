package io.cryptolakehouse.silver;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Why a record or an observation is rejected: the rule's name and a detail a person can act on.
 * Values in details are written as Spark SQL writes them, so a detail reads the same as a query's
 * result.
 */
record Verdict(String rule, String detail) {

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

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
    long seconds = Math.floorDiv(micros, 1_000_000L);
    int fraction = (int) Math.floorMod(micros, 1_000_000L);
    String text = LocalDateTime.ofInstant(Instant.ofEpochSecond(seconds), zone).format(SECONDS);
    if (fraction == 0) {
      return text;
    }
    String digits = String.format("%06d", fraction).replaceFirst("0+$", "");
    return text + "." + digits;
  }
}
