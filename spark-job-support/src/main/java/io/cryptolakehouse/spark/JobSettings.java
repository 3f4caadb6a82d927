package io.cryptolakehouse.spark;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.SparkConf;
import scala.Tuple2;

/**
 * The {@code spark.crypto.*} settings of a job, read once at startup. spark-submit passes only keys
 * with the {@code spark.} prefix (from {@code --conf} or spark-defaults.conf), and plain Java runs
 * pass them as {@code -Dspark.crypto...}: {@link SparkConf} reads both. Every accessor names the
 * key in its error, so a bad setting fails fast and says which one.
 */
public final class JobSettings {

  public static final String PREFIX = "spark.crypto.";

  private final Map<String, String> values;
  private final Function<String, String> env;

  JobSettings(Map<String, String> values, Function<String, String> env) {
    this.values = Map.copyOf(values);
    this.env = env;
  }

  /** Settings from a SparkConf (and, for secrets, the process environment). */
  public static JobSettings from(SparkConf conf) {
    Map<String, String> values = new HashMap<>();
    for (Tuple2<String, String> kv : conf.getAllWithPrefix(PREFIX)) {
      values.put(PREFIX + kv._1(), kv._2());
    }
    return new JobSettings(values, System::getenv);
  }

  /** Settings from a map, for tests and the embedded runner; no environment fallback. */
  public static JobSettings of(Map<String, String> values) {
    return new JobSettings(values, name -> null);
  }

  public String string(String key, String defaultValue) {
    String value = values.get(key);
    return value == null || value.isBlank() ? defaultValue : value.strip();
  }

  /** A secret: the key, else the environment variable; required, and never echoed. */
  public String secret(String key, String envVar) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      value = env.apply(envVar);
    }
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          key + " is not set (nor is the environment variable " + envVar + ")");
    }
    return value;
  }

  public long nonNegativeLong(String key, long defaultValue) {
    String value = string(key, null);
    if (value == null) {
      return defaultValue;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed < 0) {
        throw new NumberFormatException("negative");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number >= 0, was '" + value + "'");
    }
  }

  public boolean bool(String key, boolean defaultValue) {
    String value = string(key, null);
    if (value == null) {
      return defaultValue;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'");
    };
  }
}
