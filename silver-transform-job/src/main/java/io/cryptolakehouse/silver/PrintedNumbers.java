package io.cryptolakehouse.silver;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * A quote field's number as a decimal, read from the digits CoinGecko printed: {@code 2.02027e-10},
 * {@code 0.12345678901234567} and integers beyond 2^53 arrive exact, never through a double. A
 * string holding a number (older responses quote some) reads the same, trimmed. The decimal is
 * rounded half up to its column's scale, and is null when it does not fit the column's precision:
 * the rules reject such a value as {@code out_of_range} rather than store it rounded or overflowed.
 */
final class PrintedNumbers {

  private PrintedNumbers() {}

  /** The value's number at {@code scale}; null when absent, not a number, or too large. */
  static BigDecimal valueOf(JsonValue value, int precision, int scale) {
    BigDecimal number = numberOf(value);
    return number == null ? null : fitted(number, precision, scale);
  }

  /** The value's number, unrounded; null for anything but a number or a numeric string. */
  static BigDecimal numberOf(JsonValue value) {
    if (value == null || !(value.is(JsonValue.Kind.NUMBER) || value.is(JsonValue.Kind.STRING))) {
      return null;
    }
    try {
      return new BigDecimal(value.text().trim());
    } catch (NumberFormatException e) {
      return null; // not a number, or an exponent beyond an int ("1e9999999999")
    }
  }

  /** Rounded half up to {@code scale}; null beyond {@code precision} digits. */
  static BigDecimal fitted(BigDecimal number, int precision, int scale) {
    // Whole digits first: "1e999999999" must not be expanded to find out it does not fit.
    int wholeDigits = number.precision() - number.scale();
    if (wholeDigits > precision - scale) {
      return null;
    }
    if (wholeDigits < -scale) {
      // Below half a unit of the last place: zero, without dividing by a huge power of ten.
      return BigDecimal.ZERO.setScale(scale);
    }
    BigDecimal rounded = number.setScale(scale, RoundingMode.HALF_UP);
    return rounded.precision() > precision ? null : rounded;
  }

  /**
   * True when Spark would read the text as a double (a number too large for its decimal is {@code
   * out_of_range}; anything else is {@code non_numeric}): Java's syntax, plus Spark's {@code inf}
   * and {@code nan} spellings.
   */
  static boolean readsAsDouble(String text) {
    try {
      Double.parseDouble(text);
      return true;
    } catch (NumberFormatException e) {
      String word = text.trim().toLowerCase(Locale.ROOT);
      if (word.startsWith("+") || word.startsWith("-")) {
        word = word.substring(1);
      }
      return word.equals("inf") || word.equals("infinity") || word.equals("nan");
    }
  }
}
