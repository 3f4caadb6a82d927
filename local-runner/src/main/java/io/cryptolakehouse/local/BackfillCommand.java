package io.cryptolakehouse.local;

import io.cryptolakehouse.embedded.EmbeddedLakehouse;
import io.cryptolakehouse.local.support.KafkaOffsets;
import io.cryptolakehouse.local.support.ServiceProcess;
import io.cryptolakehouse.local.support.UsageError;
import io.cryptolakehouse.model.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ./run-local.sh backfill}: history from CoinGecko's {@code market_chart/range} through
 * Kafka, Bronze, Silver and Gold — the producer's backfill profile publishes, the layers' own code
 * processes. Beside a running pipeline it only publishes and waits; otherwise it starts the stack
 * and the layers itself, and stops them when every layer has the backfill.
 */
final class BackfillCommand {

  private static final Duration PROCESSING_TIMEOUT = Duration.ofMinutes(30);

  private final CommandLine.Backfill options;
  private final Terminal terminal;
  private final Path producerJar;
  private final DataDir dir;

  BackfillCommand(CommandLine.Backfill options, Terminal terminal, Path producerJar) {
    this.options = options;
    this.terminal = terminal;
    this.producerJar = producerJar;
    this.dir = new DataDir(options.dataDir());
  }

  int run() throws InterruptedException {
    String apiUrl = SourceResolver.apiUrl(options.coingeckoUrl(), System.getenv());
    if (options.source().kind() == SourceSpec.Kind.REPLAY) {
      throw new UsageError("backfill takes --source coingecko or simulated, not a replay file");
    }
    String problem =
        options.source().kind() == SourceSpec.Kind.COINGECKO ? SourceResolver.probe(apiUrl) : null;
    if (problem != null) {
      throw new UsageError(
          "CoinGecko at "
              + apiUrl
              + " cannot be reached ("
              + problem
              + "); use --coingecko-url, or --source simulated for generated history");
    }
    Optional<DataDir.Lock> lock = dir.tryLock();
    if (lock.isEmpty()) {
      // Another run-local holds the directory: a pipeline (perhaps still starting) takes the
      // backfill beside its own streams.
      try (LakehouseAccess access = LakehouseAccess.open(dir)) {
        if (access.pipelineRunning()) {
          String kafka =
              dir.read(dir.runtimeFile()).getProperty(RuntimeInfo.KAFKA_BOOTSTRAP_SERVERS);
          terminal.note("Backfilling beside the running pipeline ...");
          return backfill(
              new Target(access.spark(), access.catalog(), kafka, () -> {}, pid -> {}), apiUrl);
        }
      }
      lock = dir.tryLock();
      if (lock.isEmpty()) {
        throw new UsageError(
            dir.root() + " is in use by another run-local; try again when it ends");
      }
    }
    try (DataDir.Lock held = lock.get();
        OwnedPipeline pipeline = OwnedPipeline.start(dir, options.ports(), terminal)) {
      EmbeddedLakehouse stack = pipeline.stack();
      RuntimeInfo.publish(dir, RuntimeInfo.PIPELINE, stack, "backfill", null);
      Target target =
          new Target(
              pipeline.spark(),
              stack.lakehouse().catalog(),
              stack.kafka().bootstrapServers(),
              () -> pipeline.layers().forEach(LayerSupervisor::drain),
              // A runner killed with SIGKILL leaves its producer: the next run stops it.
              pid -> RuntimeInfo.publish(dir, RuntimeInfo.PIPELINE, stack, "backfill", pid));
      return backfill(target, apiUrl);
    }
  }

  /**
   * Where the backfill goes: a session on the lakehouse, Kafka, how to make the layers process what
   * is there (nothing to do beside a running pipeline), and who to tell the producer's pid.
   */
  private record Target(
      SparkSession spark,
      String catalog,
      String kafka,
      Runnable drain,
      java.util.function.LongConsumer producerStarted) {}

  private int backfill(Target target, String apiUrl) throws InterruptedException {
    SparkSession spark = target.spark();
    String catalog = target.catalog();
    String kafka = target.kafka();
    Instant started = Instant.now();
    Map<String, String> env = producerEnv(kafka, apiUrl);
    if (options.gaps()) {
      Instant to = started.truncatedTo(ChronoUnit.HOURS);
      List<BackfillGaps.Gap> gaps =
          BackfillGaps.find(
              spark, catalog, options.coins(), to.minus(Duration.ofDays(options.days())), to);
      if (gaps.isEmpty()) {
        terminal.note("No missing hours in Silver over the last " + options.days() + " day(s).");
        return 0;
      }
      Path file = dir.root().resolve("backfill-gaps.csv");
      BackfillGaps.write(gaps, file);
      terminal.note(
          gaps.size()
              + " gap(s), "
              + gaps.stream().mapToLong(BackfillGaps.Gap::hours).sum()
              + " coin-hour(s) missing (listed in "
              + file
              + "); fetching them ...");
      env.put("BACKFILL_GAPS_FILE", file.toString());
    } else {
      terminal.note(
          "Fetching "
              + (options.from() == null
                  ? options.days() + " day(s)"
                  : options.from() + " .. " + (options.to() == null ? "now" : options.to()))
              + " of history for "
              + (options.coins().isEmpty() ? "the polled coins (CRYPTO_IDS)" : options.coins())
              + " ...");
    }
    ServiceProcess producer =
        new ServiceProcess(producerJar, env, dir.logs().resolve("backfill.log"));
    int code = producer.runToEnd(StopSignal.install(terminal), target.producerStarted());
    if (code == 130) {
      terminal.note(
          "Interrupted; what was published is processed now. Run the same command to resume.");
    } else if (code != 0) {
      terminal.note(
          "The backfill producer exited with "
              + code
              + " (details in "
              + dir.logs().resolve("backfill.log")
              + ")");
    }
    target.drain().run();
    BackfillReport report = new BackfillReport(spark, catalog, started);
    try (KafkaOffsets offsets = new KafkaOffsets(kafka, List.of(Topics.PRICES_RAW))) {
      if (!report.awaitProcessed(offsets, PROCESSING_TIMEOUT)) {
        terminal.note("The layers are still processing the backfill; see ./run-local.sh status");
      }
    }
    ResultPrinter.print(report.perCoin(), options.format(), terminal);
    return code == 0 ? 0 : code == 130 ? 130 : 1;
  }

  private Map<String, String> producerEnv(String kafka, String apiUrl) {
    Map<String, String> env = new HashMap<>();
    env.put(ServiceProcess.KAFKA_BOOTSTRAP_SERVERS, kafka);
    env.put("SPRING_PROFILES_ACTIVE", "backfill");
    env.put("COINGECKO_API_URL", apiUrl);
    env.put(
        "BACKFILL_SOURCE",
        options.source().kind() == SourceSpec.Kind.SIMULATED ? "simulated" : "coingecko");
    env.put("BACKFILL_DAYS", String.valueOf(options.days()));
    env.put("BACKFILL_COINS", String.join(",", options.coins()));
    env.put("BACKFILL_FROM", options.from() == null ? "" : options.from().toString());
    env.put("BACKFILL_TO", options.to() == null ? "" : options.to().toString());
    env.put("BACKFILL_PROGRESS_FILE", dir.root().resolve("backfill.progress").toString());
    return env;
  }
}
