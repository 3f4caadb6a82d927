package io.cryptolakehouse.dashboard.api;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How prices and changes are written in the API: exact decimals as strings, no float noise. */
final class Cells {

  private Cells() {}

  /** {@code 67187.330000000000000000} as {@code "67187.33"}; a JSON number would lose digits. */
  static String decimal(Object cell) {
    return cell == null ? null : ((BigDecimal) cell).stripTrailingZeros().toPlainString();
  }

  /** Percent change from {@code before} to {@code after}, 4 decimals; null without a base. */
  static BigDecimal percentChange(BigDecimal before, BigDecimal after) {
    if (before == null || after == null || before.signum() == 0) {
      return null;
    }
    return after
        .subtract(before)
        .multiply(BigDecimal.valueOf(100))
        .divide(before, 4, RoundingMode.HALF_UP);
  }
}
