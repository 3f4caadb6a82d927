package io.cryptolakehouse.gold;

import java.math.BigDecimal;

/**
 * The sample standard deviation of the log returns {@code ln(p_t / p_t-1)} between consecutive
 * prices, by Welford's update, as Spark's {@code stddev_samp} over a {@code lag} window would give
 * it: null with fewer than two returns. Each price is converted to a double once (a {@code
 * DECIMAL(38,18)}'s conversion formats and parses the number).
 */
final class LogReturns {

  private boolean hasPrevious;
  private double previous = Double.NaN;
  private long returns;
  private double mean;
  private double m2;

  /** The next price in time order; null where the observation has none. */
  void add(BigDecimal price) {
    double approx = price == null ? Double.NaN : price.doubleValue();
    // As ln(p / lag(p)) in SQL: no return where either price is missing or the ratio is not
    // positive (the logarithm is null there).
    if (hasPrevious && !Double.isNaN(approx) && !Double.isNaN(previous) && previous != 0) {
      double ratio = approx / previous;
      if (ratio > 0) {
        addReturn(StrictMath.log(ratio));
      }
    }
    hasPrevious = true;
    previous = approx;
  }

  private void addReturn(double value) {
    returns++;
    double delta = value - mean;
    double deltaN = delta / returns;
    mean += deltaN;
    m2 += delta * (delta - deltaN);
  }

  Double sampleStdDev() {
    return returns < 2 ? null : Math.sqrt(m2 / (returns - 1));
  }
}
