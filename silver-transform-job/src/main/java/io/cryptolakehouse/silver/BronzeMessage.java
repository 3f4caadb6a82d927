package io.cryptolakehouse.silver;

import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.MARKET_CHART_RANGE_PATH;

import io.cryptolakehouse.model.envelope.ApiEnvelope.Fields;
import io.cryptolakehouse.model.envelope.SourceKind;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Option;

/**
 * One Bronze record as Silver reads it: the producer's envelope, parsed once, and its body. An
 * envelope field of the wrong JSON type reads as absent, and a string field reads any value as its
 * text, as Spark's {@code from_json} with {@link
 * io.cryptolakehouse.model.envelope.ApiEnvelope#SPARK_SCHEMA_DDL} reads them.
 */
final class BronzeMessage {

  final String payload;

  /** Lineage, as Bronze holds it (null only in a row Bronze did not write). */
  final Long ingestedMicros;

  final Integer partition;
  final Long offset;

  /** The envelope: null when the payload is not a JSON object. */
  final JsonValue envelope;

  private JsonValue body;
  private boolean bodyParsed;
  private Long fetched;
  private boolean fetchedRead;

  BronzeMessage(String payload, Long ingestedMicros, Integer partition, Long offset) {
    this.payload = payload;
    this.ingestedMicros = ingestedMicros;
    this.partition = partition;
    this.offset = offset;
    JsonValue parsed = payload == null || payload.isBlank() ? null : JsonValue.parse(payload);
    this.envelope = parsed != null && parsed.is(JsonValue.Kind.OBJECT) ? parsed : null;
  }

  String text(String field) {
    return envelope == null ? null : JsonValue.textOf(envelope.field(field));
  }

  /** An integer field; null when absent or not an integer that fits an {@code INT}. */
  Integer integer(String field) {
    JsonValue value = envelope == null ? null : envelope.field(field);
    if (value == null || !value.is(JsonValue.Kind.NUMBER)) {
      return null;
    }
    try {
      return Integer.valueOf(value.text());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  String source() {
    return text(Fields.SOURCE);
  }

  String endpoint() {
    return text(Fields.ENDPOINT);
  }

  boolean isChart() {
    return MARKET_CHART_RANGE_PATH.equals(endpoint());
  }

  /** The envelope's {@code simulated}, or when absent whether the source says so. */
  Boolean isSimulated() {
    JsonValue value = envelope == null ? null : envelope.field(Fields.SIMULATED);
    if (value != null && value.is(JsonValue.Kind.BOOLEAN)) {
      return Boolean.valueOf(value.text());
    }
    String source = source();
    return source == null ? null : source.equals(SourceKind.SIMULATED.wireName());
  }

  /** The requested ids, each as text; null when the field is not an array. */
  List<String> requestedIds() {
    JsonValue ids = envelope == null ? null : envelope.field(Fields.REQUESTED_IDS);
    if (ids == null || !ids.is(JsonValue.Kind.ARRAY)) {
      return null;
    }
    List<String> texts = new ArrayList<>(ids.items().size());
    ids.items().forEach(id -> texts.add(id.asText()));
    return texts;
  }

  /** The body parsed as JSON (any kind of value); null when it is absent or not JSON. */
  JsonValue body() {
    if (!bodyParsed) {
      body = JsonValue.parse(text(Fields.BODY));
      bodyParsed = true;
    }
    return body;
  }

  /**
   * When the producer fetched the response, in microseconds; its arrival in Bronze when the
   * envelope's {@code fetched_at} is absent or not a timestamp Spark's cast reads (null when that
   * is unknown too).
   */
  Long fetchedMicros(ZoneId zone) {
    if (!fetchedRead) {
      fetched = readFetchedMicros(zone);
      fetchedRead = true;
    }
    return fetched;
  }

  private Long readFetchedMicros(ZoneId zone) {
    String fetchedAt = text(Fields.FETCHED_AT);
    if (fetchedAt == null) {
      return ingestedMicros;
    }
    Option<Object> micros = DateTimeUtils.stringToTimestamp(UTF8String.fromString(fetchedAt), zone);
    return micros.isDefined() ? (Long) micros.get() : ingestedMicros;
  }
}
