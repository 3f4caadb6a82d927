package io.cryptolakehouse.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;

import io.cryptolakehouse.model.envelope.ApiEnvelope;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * The rules every reader of a Bronze record applies to the producer's envelope, whatever the
 * endpoint: over the columns {@code raw_payload} and {@code env} (the envelope parsed with {@link
 * ApiEnvelope#SPARK_SCHEMA_DDL}). Gold (coin markets) adds its own. Silver reads its records in one
 * typed pass and applies the same rules, names and details in Java ({@code MessageRules}): change
 * both together.
 */
public final class EnvelopeRules {

  /** How much of a payload or body a rule's detail quotes. */
  public static final int QUOTE_CHARS = 200;

  private EnvelopeRules() {}

  /** The record is an envelope this version of the jobs reads. */
  public static List<Rule> readable() {
    Column payload = col("raw_payload");
    return List.of(
        new Rule(
            "empty_message",
            payload.isNull().or(trim(payload).equalTo("")),
            lit("the Kafka record value is empty")),
        new Rule(
            "envelope_not_json",
            col("env")
                .isNull()
                .or(col("env.envelope_version").isNull().and(col("env.body").isNull())),
            concat(lit("not a JSON envelope: "), substring(payload, 1, QUOTE_CHARS))),
        new Rule(
            "unsupported_envelope_version",
            not(
                coalesce(
                    col("env.envelope_version").equalTo(ApiEnvelope.CURRENT_VERSION), lit(false))),
            concat(
                lit("envelope_version "),
                coalesce(col("env.envelope_version").cast("string"), lit("null")),
                lit(" is not " + ApiEnvelope.CURRENT_VERSION))));
  }

  /** The API answered with a 2xx status. */
  public static Rule successStatus() {
    return new Rule(
        "non_success_status",
        not(coalesce(col("env.http_status").between(200, 299), lit(false))),
        concat(lit("HTTP status "), coalesce(col("env.http_status").cast("string"), lit("null"))));
  }
}
