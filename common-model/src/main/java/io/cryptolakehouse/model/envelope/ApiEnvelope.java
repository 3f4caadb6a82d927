package io.cryptolakehouse.model.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The Kafka message value: one API response, its body untouched, plus how it was fetched.
 *
 * <p>The body is a JSON <em>string</em>, not an embedded object, so that any 2xx body (valid JSON,
 * HTML, empty, truncated) is carried byte-for-byte and Bronze keeps everything; Silver parses it
 * and quarantines what does not parse. Annotations only: Jackson 2 (Spark) and Jackson 3 (Spring
 * Boot) read and write this record identically.
 *
 * @param envelopeVersion {@link #CURRENT_VERSION} when written; readers branch on it
 * @param source where the body came from ({@link SourceKind#wireName()})
 * @param sourceSystem the upstream API, {@value #SOURCE_SYSTEM_COINGECKO_V3}
 * @param endpoint the API path, e.g. {@code /simple/price}
 * @param requestedIds the coin ids asked for; ids the API omits are visible by comparison
 * @param httpStatus the HTTP status of the response (only 2xx are ever published)
 * @param fetchedAt ISO-8601 UTC instant at which the response was received
 * @param simulated true when the body was generated rather than fetched
 * @param body the response body exactly as received
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApiEnvelope(
    @JsonProperty(Fields.ENVELOPE_VERSION) int envelopeVersion,
    @JsonProperty(Fields.SOURCE) String source,
    @JsonProperty(Fields.SOURCE_SYSTEM) String sourceSystem,
    @JsonProperty(Fields.ENDPOINT) String endpoint,
    @JsonProperty(Fields.REQUESTED_IDS) List<String> requestedIds,
    @JsonProperty(Fields.HTTP_STATUS) int httpStatus,
    @JsonProperty(Fields.FETCHED_AT) String fetchedAt,
    @JsonProperty(Fields.SIMULATED) boolean simulated,
    @JsonProperty(Fields.BODY) String body) {

  public static final int CURRENT_VERSION = 1;
  public static final String SOURCE_SYSTEM_COINGECKO_V3 = "coingecko_v3";

  /**
   * The envelope as a Spark SQL DDL schema, for {@code from_json} in the jobs (which cannot depend
   * on Jackson databind or on this record's reflection).
   */
  public static final String SPARK_SCHEMA_DDL =
      Fields.ENVELOPE_VERSION
          + " INT, "
          + Fields.SOURCE
          + " STRING, "
          + Fields.SOURCE_SYSTEM
          + " STRING, "
          + Fields.ENDPOINT
          + " STRING, "
          + Fields.REQUESTED_IDS
          + " ARRAY<STRING>, "
          + Fields.HTTP_STATUS
          + " INT, "
          + Fields.FETCHED_AT
          + " STRING, "
          + Fields.SIMULATED
          + " BOOLEAN, "
          + Fields.BODY
          + " STRING";

  /**
   * A generated 200 response in the producer's envelope ({@link SourceKind#SIMULATED}), for
   * simulations, benchmarks and fault injection.
   */
  public static ApiEnvelope simulated(
      String endpoint, List<String> requestedIds, java.time.Instant fetchedAt, String body) {
    return new ApiEnvelope(
        CURRENT_VERSION,
        SourceKind.SIMULATED.wireName(),
        SOURCE_SYSTEM_COINGECKO_V3,
        endpoint,
        requestedIds,
        200,
        fetchedAt.toString(),
        true,
        body);
  }

  public ApiEnvelope {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    Objects.requireNonNull(body, "body");
    requestedIds = List.copyOf(requestedIds);
  }

  /** JSON field names of the envelope. */
  public static final class Fields {
    public static final String ENVELOPE_VERSION = "envelope_version";
    public static final String SOURCE = "source";
    public static final String SOURCE_SYSTEM = "source_system";
    public static final String ENDPOINT = "endpoint";
    public static final String REQUESTED_IDS = "requested_ids";
    public static final String HTTP_STATUS = "http_status";
    public static final String FETCHED_AT = "fetched_at";
    public static final String SIMULATED = "simulated";
    public static final String BODY = "body";

    private Fields() {}
  }
}
