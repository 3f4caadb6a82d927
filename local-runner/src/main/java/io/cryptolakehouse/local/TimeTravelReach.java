package io.cryptolakehouse.local;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A time-travel read from before a table's history begins (a lakehouse younger than the question,
 * or snapshots maintenance expired). Iceberg refuses it ("Cannot find a snapshot older than ...");
 * that is an answer, not a failure: the lakehouse knew nothing then. So it is printed as a result,
 * with when the table's history starts.
 */
final class TimeTravelReach {

  private static final String ICEBERG_REFUSAL = "Cannot find a snapshot older than";
  private static final Pattern TRAVELLED =
      Pattern.compile(
          "(?i)FROM\\s+([\\w.]+)\\s+(?:FOR\\s+SYSTEM_TIME\\s+|TIMESTAMP\\s+)AS\\s+OF",
          Pattern.DOTALL);

  private TimeTravelReach() {}

  /** Whether {@code e} (or a cause) is Iceberg refusing a time before the table's history. */
  static boolean beforeHistory(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(ICEBERG_REFUSAL)) {
        return true;
      }
    }
    return false;
  }

  /**
   * One row: what was asked for and that nothing is known that early, and the oldest snapshot's
   * time of the table the statement travels in (null when that cannot be told).
   */
  static Dataset<Row> answer(SparkSession spark, String statement, Throwable refusal) {
    Matcher m = TRAVELLED.matcher(statement);
    String table = m.find() ? m.group(1) : null;
    String asked = askedTime(refusal);
    String answer =
        "no snapshot of "
            + (table == null ? "the table" : table)
            + " as old as "
            + asked
            + ": the lakehouse has no history that early (see history_since)";
    String since =
        table == null
            ? "CAST(NULL AS TIMESTAMP)"
            : "(SELECT min(committed_at) FROM " + table + ".snapshots)";
    return spark.sql(
        "SELECT :answer AS answer, " + since + " AS history_since", Map.of("answer", answer));
  }

  private static String askedTime(Throwable refusal) {
    for (Throwable t = refusal; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && message.contains(ICEBERG_REFUSAL)) {
        String rest =
            message.substring(message.indexOf(ICEBERG_REFUSAL) + ICEBERG_REFUSAL.length());
        return rest.strip().lines().findFirst().orElse("that time");
      }
    }
    return "that time";
  }
}
