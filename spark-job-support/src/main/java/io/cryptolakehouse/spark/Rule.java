package io.cryptolakehouse.spark;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;

/**
 * A named validation rule: when {@code violated} holds, the record is rejected with this name and a
 * human-readable {@code detail}. Rules are tried in order; the first violated one is the reason.
 */
public record Rule(String name, Column violated, Column detail) {

  /** The name of the first violated rule, or null when every rule holds. */
  public static Column firstViolated(List<Rule> rules) {
    Column result = lit(null).cast("string");
    for (int i = rules.size() - 1; i >= 0; i--) {
      result = when(rules.get(i).violated(), lit(rules.get(i).name())).otherwise(result);
    }
    return result;
  }

  /** The detail of the first violated rule, or null. */
  public static Column detailOfFirstViolated(List<Rule> rules) {
    Column result = lit(null).cast("string");
    for (int i = rules.size() - 1; i >= 0; i--) {
      result = when(rules.get(i).violated(), rules.get(i).detail()).otherwise(result);
    }
    return result;
  }
}
