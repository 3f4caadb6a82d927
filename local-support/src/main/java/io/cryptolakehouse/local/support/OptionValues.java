package io.cryptolakehouse.local.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The option values of every command ({@code run-local.sh}, {@code run-bench.sh}, {@code
 * run-chaos.sh}) parsed and checked one way, so a mistake reads the same wherever it is made.
 */
public final class OptionValues {

  private OptionValues() {}

  /** The {@code --option value} pairs of {@code args} from index {@code from}, in order. */
  public static List<Map.Entry<String, String>> pairs(List<String> args, int from) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    for (int i = from; i < args.size(); i += 2) {
      String option = args.get(i);
      if (i + 1 >= args.size()) {
        throw new UsageError(option + " needs a value; try --help");
      }
      pairs.add(Map.entry(option, args.get(i + 1)));
    }
    return pairs;
  }

  /** A whole number; {@code _} may group digits (1_000_000). */
  public static long number(String option, String value) {
    try {
      return Long.parseLong(value.strip().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageError(option + " must be a whole number, was '" + value + "'");
    }
  }

  public static long positive(String option, String value) {
    long n = number(option, value);
    if (n <= 0) {
      throw new UsageError(option + " must be a whole number > 0, was '" + value + "'");
    }
    return n;
  }

  public static int positiveInt(String option, String value) {
    long n = positive(option, value);
    if (n > Integer.MAX_VALUE) {
      throw new UsageError(option + " must be at most " + Integer.MAX_VALUE + ", was " + value);
    }
    return (int) n;
  }
}
