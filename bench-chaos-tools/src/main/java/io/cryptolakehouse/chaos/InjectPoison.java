package io.cryptolakehouse.chaos;

import io.cryptolakehouse.local.support.Invariants;
import io.cryptolakehouse.model.Tables;
import io.cryptolakehouse.model.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code poison}: every class of malformed input ({@link PoisonRecords}) published {@code
 * iterations} times among the producer's valid traffic. Afterwards each must be where it belongs:
 * the valid-but-odd ones in Silver with the right price, the rest in the quarantine with a rule and
 * none of it in Silver — and the streams must still be running. Each is published to the
 * coin-markets topic too, where none of them is a coin list: each must be in that topic's
 * quarantine.
 */
final class InjectPoison implements Scenario {

  private static final Logger log = LoggerFactory.getLogger(InjectPoison.class);

  private record Sent(PoisonRecords.Poison poison, int partition, long offset) {}

  private final List<Sent> sent = new ArrayList<>();
  private final List<Sent> sentToMarkets = new ArrayList<>();

  @Override
  public List<Fault> run(Context context) throws InterruptedException {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, context.stack().bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (int round = 0; round < context.iterations(); round++) {
        Thread.sleep(context.millisBetween(2, 6));
        for (PoisonRecords.Poison poison : PoisonRecords.round(round, Instant.now())) {
          RecordMetadata meta =
              producer
                  .send(new ProducerRecord<>(Topics.PRICES_RAW, poison.key(), poison.value()))
                  .get();
          sent.add(new Sent(poison, meta.partition(), meta.offset()));
          RecordMetadata markets =
              producer
                  .send(new ProducerRecord<>(Topics.COIN_MARKETS_RAW, poison.key(), poison.value()))
                  .get();
          sentToMarkets.add(new Sent(poison, markets.partition(), markets.offset()));
        }
        log.info("Poison round {}: {} records published", round + 1, sent.size());
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot publish the poison records", e.getCause());
    }
    return List.of();
  }

  @Override
  public Invariants.Result check(Context context) {
    String catalog = context.stack().lakehouse().catalog();
    Map<String, Long> counts = new LinkedHashMap<>();
    List<String> violations = new ArrayList<>();
    long asExpected = 0;
    for (Sent s : sent) {
      String where =
          "bronze_partition = %d AND bronze_offset = %d".formatted(s.partition, s.offset);
      List<Row> clean =
          rows(
              context,
              "crypto_symbol, price_usd",
              Tables.SILVER_PRICES_CLEAN.qualifiedIn(catalog),
              where);
      List<Row> rules =
          rows(context, "rule", Tables.SILVER_PRICES_REJECTED.qualifiedIn(catalog), where);
      String problem = problem(s.poison, clean, rules);
      if (problem == null) {
        asExpected++;
      } else {
        violations.add("poison " + s.poison.label() + " (offset " + s.offset + "): " + problem);
      }
    }
    long marketsQuarantined = 0;
    for (Sent s : sentToMarkets) {
      String where =
          "bronze_partition = %d AND bronze_offset = %d".formatted(s.partition, s.offset);
      if (rows(context, "rule", Tables.GOLD_COIN_MARKETS_REJECTED.qualifiedIn(catalog), where)
          .isEmpty()) {
        violations.add(
            "poison "
                + s.poison.label()
                + " (coin-markets offset "
                + s.offset
                + "): not quarantined");
      } else {
        marketsQuarantined++;
      }
    }
    counts.put("poison_injected", (long) sent.size());
    counts.put("poison_as_expected", asExpected);
    counts.put("poison_markets_injected", (long) sentToMarkets.size());
    counts.put("poison_markets_quarantined", marketsQuarantined);
    return new Invariants.Result(counts, violations);
  }

  private static List<Row> rows(Context context, String columns, String table, String where) {
    return context
        .spark()
        .sql("SELECT " + columns + " FROM " + table + " WHERE " + where)
        .collectAsList();
  }

  private static String problem(PoisonRecords.Poison poison, List<Row> clean, List<Row> rules) {
    if (poison.cleanPrice() != null) {
      boolean kept =
          clean.stream()
              .anyMatch(
                  r ->
                      r.getString(0).equals(poison.coin())
                          && r.getDecimal(1).compareTo(poison.cleanPrice()) == 0);
      return kept ? null : "expected in Silver at " + poison.cleanPrice() + ", found " + clean;
    }
    if (!clean.isEmpty()) {
      return "expected quarantined, but Silver has " + clean;
    }
    if (rules.isEmpty()) {
      return "neither in Silver nor in the quarantine";
    }
    return null;
  }
}
