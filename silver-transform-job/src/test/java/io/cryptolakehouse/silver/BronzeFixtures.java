package io.cryptolakehouse.silver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptolakehouse.model.TableDdl;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.model.coingecko.CoinGeckoFields;
import io.cryptolakehouse.model.envelope.ApiEnvelope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Builds Bronze rows the way the producer and the Bronze job would have written them. */
final class BronzeFixtures {

  static final Path SAMPLES = Path.of("../test-data/coingecko");
  static final Instant FETCHED = Instant.parse("2024-03-25T08:46:00Z");
  static final long LAST_UPDATED = 1711356300L; // 2024-03-25T08:45:00Z, 60 s before the fetch

  static final StructType BRONZE = StructType.fromDDL(TableDdl.columns(Tables.BRONZE_TICKS_RAW));

  private final List<Row> rows = new ArrayList<>();

  /**
   * When the backfill fixtures were fetched: after the recorded range's last point (2024-04-01), or
   * its points would lie in the future of their own arrival.
   */
  static final Instant CHART_FETCHED = Instant.parse("2024-04-02T00:00:00Z");

  /** Adds a raw Kafka value; returns its offset. */
  long raw(String payload) {
    return raw(payload, FETCHED);
  }

  /** Adds a raw Kafka value that arrived two seconds after {@code fetched}; returns its offset. */
  long raw(String payload, Instant fetched) {
    long offset = rows.size();
    Timestamp ingested = Timestamp.from(fetched.plusSeconds(2));
    rows.add(RowFactory.create(payload, ingested, offset, 0, "crypto.prices.raw", "k", ingested));
    return offset;
  }

  /** Adds a producer envelope around {@code body}. */
  long envelope(String source, String endpoint, String body) {
    return raw(envelopeJson(source, endpoint, body));
  }

  /** Adds a backfill envelope: a {@code market_chart/range} body for {@code ids}. */
  long chart(List<String> ids, String body) {
    return raw(
        envelopeJson("backfill", CoinGeckoFields.MARKET_CHART_RANGE_PATH, ids, body)
            .replace(FETCHED.toString(), CHART_FETCHED.toString()),
        CHART_FETCHED);
  }

  long prices(String body) {
    return envelope("coingecko", "/simple/price", body);
  }

  Dataset<Row> dataset(SparkSession spark) {
    return spark.createDataFrame(rows, BRONZE);
  }

  static String envelopeJson(String source, String endpoint, String body) {
    return envelopeJson(source, endpoint, List.of("bitcoin"), body);
  }

  static String envelopeJson(String source, String endpoint, List<String> ids, String body) {
    try {
      return new ObjectMapper()
          .writeValueAsString(
              new ApiEnvelope(
                  1,
                  source,
                  "coingecko_v3",
                  endpoint,
                  ids,
                  200,
                  FETCHED.toString(),
                  source.equals("simulated"),
                  body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sample(String name) {
    try {
      return Files.readString(SAMPLES.resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A one-coin body with every field; {@code usd} is inserted verbatim (it may be any JSON). */
  static String quote(String coin, String usd, long lastUpdated) {
    return "{\"%s\":{\"usd\":%s,\"usd_market_cap\":1317802988326.25,\"usd_24h_vol\":31260929299.5248,\"usd_24h_change\":3.63727894677354,\"last_updated_at\":%d}}"
        .formatted(coin, usd, lastUpdated);
  }

  /** The coin's value in {@link #quote}'s body, as written: what the quarantine keeps of it. */
  static String coinValue(String coin, String usd, long lastUpdated) {
    String body = quote(coin, usd, lastUpdated);
    return body.substring(body.indexOf(':') + 1, body.length() - 1);
  }

  /** "offset coin rule" of a quarantined row: what the tests compare. */
  static String rejection(Row r) {
    return r.<Long>getAs("bronze_offset") + " " + r.getAs("crypto_symbol") + " " + r.getAs("rule");
  }
}
