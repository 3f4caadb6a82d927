package io.cryptolakehouse.dashboard.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Checks of the API's query parameters, each failing with a message that names the parameter. */
final class ApiParameters {

  /** CoinGecko ids: lower-case letters, digits and dashes (e.g. {@code avalanche-2}). */
  private static final Pattern COIN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

  private ApiParameters() {}

  static String coinId(String value) {
    if (value == null || !COIN_ID.matcher(value).matches()) {
      throw new BadRequest(
          "coin must be a CoinGecko id (lower-case letters, digits, '-'; at most 100), was '"
              + value
              + "'");
    }
    return value;
  }

  /** An ISO-8601 instant such as {@code 2026-11-25T10:00:00Z}; {@code null} when absent. */
  static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadRequest(
          name + " must be an ISO-8601 instant like 2026-11-25T10:00:00Z, was '" + value + "'");
    }
  }

  static int limit(String value, int fallback, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRequest("limit must be a whole number 1.." + max + ", was '" + value + "'");
  }

  static void range(Instant from, Instant to, int maxDays) {
    if (!from.isBefore(to)) {
      throw new BadRequest("from (" + from + ") must be before to (" + to + ")");
    }
    if (Duration.between(from, to).compareTo(Duration.ofDays(maxDays)) > 0) {
      throw new BadRequest("from..to spans more than " + maxDays + " days; ask for less");
    }
  }

  /** {@code fill}: absent (gaps stay gaps) or {@code previous} (carry the last close forward). */
  static boolean fill(String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    if (value.equals("previous")) {
      return true;
    }
    throw new BadRequest("fill must be 'previous' or absent, was '" + value + "'");
  }
}
