package io.cryptolakehouse.silver;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * One Bronze record to its classified rows, in one pass over its text: one row per observation, or
 * one for the whole message when a message rule rejects it. Each row carries its typed values and,
 * when rejected, the rule and a detail.
 *
 * <p>Why plain Java rather than Spark SQL expressions: the expressions (a JSON parse per level,
 * variant reads, a {@code CASE WHEN} per rule) made a plan of hundreds of nodes that Spark analysed
 * and optimized again for every micro-batch (in a profile of the live pipeline, at least 45 % of
 * Silver's driver thread), and evaluating them row by row was most of a catch-up's Silver time.
 */
final class ObservationRows implements FlatMapFunction<Row, Row> {

  /** The rows' columns; the timestamps are microseconds, made timestamps by the caller. */
  static final StructType SCHEMA =
      StructType.fromDDL(
          "bronze_partition INT, bronze_offset BIGINT, ingestion_micros BIGINT, source STRING,"
              + " is_simulated BOOLEAN, crypto_symbol STRING, price_usd DECIMAL(38,18),"
              + " volume_24h DECIMAL(38,8), market_cap_usd DECIMAL(38,8),"
              + " percent_change_24h DECIMAL(38,18), api_micros BIGINT, rule STRING, detail STRING,"
              + " record STRING, message_record STRING");

  /** Whole rejected payloads are kept up to this size in the quarantine. */
  static final int MAX_REJECTED_CHARS = 65_536;

  private final String zoneId;
  private final long maxAgeSeconds;
  private final boolean everyRecord;
  private transient ZoneId zone;

  /**
   * @param zoneId the session's time zone: how fetched_at without an offset is read, and how
   *     details write timestamps
   * @param everyRecord whether a valid row keeps its record too. Only a rejected row needs its
   *     text, and in a batch of valid rows the record was about 45 % of each row's bytes, carried
   *     through the batch's shuffle, sort and holds; the few rows rejected later get theirs back
   *     from a second reading of their messages ({@link LateRejects}).
   */
  ObservationRows(String zoneId, long maxAgeSeconds, boolean everyRecord) {
    this.zoneId = zoneId;
    this.maxAgeSeconds = maxAgeSeconds;
    this.everyRecord = everyRecord;
  }

  /** Over {@code raw_payload, ingestion_micros, kafka_partition, kafka_offset}. */
  @Override
  public Iterator<Row> call(Row bronze) {
    if (zone == null) {
      zone = ZoneId.of(zoneId);
    }
    BronzeMessage m =
        new BronzeMessage(
            bronze.getString(0),
            bronze.isNullAt(1) ? null : bronze.getLong(1),
            bronze.isNullAt(2) ? null : bronze.getInt(2),
            bronze.isNullAt(3) ? null : bronze.getLong(3));
    Verdict rejected = MessageRules.judge(m, zone);
    if (rejected != null) {
      return List.of(messageRow(m, rejected)).iterator();
    }
    List<Quote> quotes = quotesOf(m);
    List<Row> rows = new ArrayList<>(quotes.size());
    for (Quote q : quotes) {
      JsonValue[] fields = q.numericFields();
      BigDecimal[] values = new BigDecimal[fields.length];
      for (int i = 0; i < fields.length; i++) {
        ObservationRules.NumericField f = ObservationRules.NUMERIC_FIELDS.get(i);
        values[i] = PrintedNumbers.valueOf(fields[i], f.precision(), f.scale());
      }
      Long apiMicros = ObservationRules.apiMicrosOf(q);
      Verdict v = ObservationRules.judge(q, values, apiMicros, m, maxAgeSeconds, zone);
      rows.add(
          RowFactory.create(
              m.partition,
              m.offset,
              m.ingestedMicros,
              m.source(),
              m.isSimulated(),
              q.symbol(),
              values[0],
              values[1],
              values[2],
              values[3],
              apiMicros,
              v == null ? null : v.rule(),
              v == null ? null : v.detail(),
              v == null && !everyRecord ? null : q.record(),
              null));
    }
    return rows.iterator();
  }

  private static List<Quote> quotesOf(BronzeMessage m) {
    if (m.isChart()) {
      return MarketChart.quotes(m.requestedIds().get(0), m.body());
    }
    List<Quote> quotes = new ArrayList<>(m.body().fields().size());
    for (Map.Entry<String, JsonValue> coin : m.body().fields().entrySet()) {
      quotes.add(Quote.ofCoin(coin.getKey(), coin.getValue()));
    }
    return quotes;
  }

  private static Row messageRow(BronzeMessage m, Verdict v) {
    return RowFactory.create(
        m.partition,
        m.offset,
        m.ingestedMicros,
        m.source(),
        m.isSimulated(),
        null,
        null,
        null,
        null,
        null,
        null,
        v.rule(),
        v.detail(),
        null,
        Verdict.quoted(m.payload, MAX_REJECTED_CHARS));
  }
}
