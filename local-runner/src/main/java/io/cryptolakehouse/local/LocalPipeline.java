package io.cryptolakehouse.local;

import io.cryptolakehouse.embedded.EmbeddedLakehouse;
import io.cryptolakehouse.local.support.KafkaOffsets;
import io.cryptolakehouse.local.support.Layer;
import io.cryptolakehouse.local.support.ServiceProcess;
import io.cryptolakehouse.local.support.UsageError;
import io.cryptolakehouse.model.Topics;
import io.cryptolakehouse.spark.JobSettings;
import io.cryptolakehouse.spark.StreamSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./run-local.sh}: the embedded servers, the producer and the Bronze, Silver and Gold
 * queries (the very code spark-submit runs) in one Spark session, a live status view, and an
 * orderly stop. Checkpoints live on local disk under the data directory, so the next start resumes
 * where this one stopped.
 */
final class LocalPipeline {

  private static final Logger log = LoggerFactory.getLogger(LocalPipeline.class);

  private final CommandLine.Run options;
  private final DataDir dir;
  private final Terminal terminal;
  private final Path producerJar;
  private final Path dashboardJar;

  LocalPipeline(CommandLine.Run options, Terminal terminal, Path producerJar, Path dashboardJar) {
    this.options = options;
    this.dir = new DataDir(options.dataDir());
    this.terminal = terminal;
    this.producerJar = producerJar;
    this.dashboardJar = dashboardJar;
  }

  int run() throws InterruptedException {
    DataDir.Lock lock =
        dir.tryLock()
            .orElseThrow(
                () ->
                    new UsageError(
                        "data dir "
                            + dir.root()
                            + " is in use by another run-local (pid "
                            + dir.read(dir.runtimeFile()).getProperty(RuntimeInfo.PID, "?")
                            + "); stop it, or use --data-dir"));
    try (lock) {
      if (options.reset()) {
        terminal.note("Wiping " + dir.root() + " (--reset)");
        dir.wipe();
      }
      RuntimeInfo.publish(dir, RuntimeInfo.STARTING, null, null, null);
      String apiUrl = SourceResolver.apiUrl(options.coingeckoUrl(), System.getenv());
      SourceSpec source = SourceResolver.resolve(options.source(), apiUrl, terminal);
      StopSignal stop = StopSignal.install(terminal);
      try (OwnedPipeline pipeline = OwnedPipeline.start(dir, options.ports(), terminal)) {
        EmbeddedLakehouse stack = pipeline.stack();
        Running running = start(pipeline, source, apiUrl);
        try {
          RuntimeInfo.publish(
              dir,
              RuntimeInfo.PIPELINE,
              stack,
              source.toString(),
              running.producer().pid(),
              running.dashboard().pid());
          new StatusLoop(running, dir, terminal, options, header(stack, pipeline.spark()))
              .run(stop);
        } finally {
          running.producer().stop(); // also when the loop failed: never leave it behind
          running.dashboard().stop();
          running.maintenance().close();
        }
      }
      terminal.note("Stopped. The next ./run-local.sh resumes from the checkpoints.");
      return 0;
    }
  }

  private Running start(OwnedPipeline pipeline, SourceSpec source, String apiUrl) {
    EmbeddedLakehouse stack = pipeline.stack();
    SparkSession spark = pipeline.spark();
    ServiceProcess producer =
        new ServiceProcess(
            producerJar, producerEnv(stack, source, apiUrl), dir.logs().resolve("producer.log"));
    producer.start();
    ServiceProcess dashboard =
        new ServiceProcess(
            "dashboard", dashboardJar, dashboardEnv(stack), dir.logs().resolve("dashboard.log"));
    dashboard.start();
    LocalMaintenance maintenance = new LocalMaintenance(dir, options.retention());
    maintenance.schedule(spark, stack.lakehouse().catalog());
    KafkaOffsets offsets =
        new KafkaOffsets(
            stack.kafka().bootstrapServers(), List.of(Topics.PRICES_RAW, Topics.COIN_MARKETS_RAW));
    return new Running(
        pipeline.layers(),
        producer,
        dashboard,
        offsets,
        new StatusProbe(spark, stack.lakehouse().catalog()),
        source,
        maintenance);
  }

  /** The layers' queries, checkpointed in the data dir, started in order (Bronze first). */
  static List<LayerSupervisor> startLayers(
      SparkSession spark, EmbeddedLakehouse stack, DataDir dir) {
    Map<String, String> settings = new HashMap<>(stack.jobSettings());
    settings.put(StreamSettings.CHECKPOINT_DIR, dir.checkpoints().toUri().toString());
    List<LayerSupervisor> layers = new ArrayList<>();
    for (Layer layer : Layer.values()) {
      layers.add(
          new LayerSupervisor(layer.id(), () -> layer.start(spark, settings(settings, layer))));
    }
    layers.forEach(LayerSupervisor::start);
    return layers;
  }

  private static JobSettings settings(Map<String, String> settings, Layer layer) {
    Map<String, String> values = new HashMap<>(settings);
    values.put(StreamSettings.TRIGGER, layer.localTrigger());
    return JobSettings.of(values);
  }

  private Map<String, String> producerEnv(
      EmbeddedLakehouse stack, SourceSpec source, String apiUrl) {
    Map<String, String> env = new HashMap<>();
    env.put(ServiceProcess.KAFKA_BOOTSTRAP_SERVERS, stack.kafka().bootstrapServers());
    env.put("PRODUCER_SOURCE", source.producerSource());
    env.put("SERVER_PORT", String.valueOf(options.ports().producer()));
    env.put("COINGECKO_API_URL", apiUrl);
    if (source.kind() == SourceSpec.Kind.REPLAY) {
      env.put("REPLAY_FILE", source.replayFile().toString());
    }
    if (options.intervalSeconds() != null) {
      env.put("API_INTERVAL_SECONDS", options.intervalSeconds().toString());
    } else if (source.kind() != SourceSpec.Kind.COINGECKO) {
      // No API budget to respect: a lively demo.
      env.put("API_INTERVAL_SECONDS", "5");
    }
    log.info("Producer source {} ({} env overrides)", source, env.keySet());
    return env;
  }

  /** The dashboard reads the same catalog and S3 as the jobs, and follows the same broker. */
  private Map<String, String> dashboardEnv(EmbeddedLakehouse stack) {
    return Map.of(
        ServiceProcess.KAFKA_BOOTSTRAP_SERVERS,
        stack.kafka().bootstrapServers(),
        "HIVE_METASTORE_URI",
        stack.lakehouse().metastoreUri(),
        "S3_ENDPOINT",
        stack.lakehouse().s3Endpoint(),
        "AWS_REGION",
        stack.lakehouse().s3Region(),
        "AWS_ACCESS_KEY_ID",
        stack.lakehouse().s3AccessKey(),
        "AWS_SECRET_ACCESS_KEY",
        stack.lakehouse().s3SecretKey(),
        "SERVER_PORT",
        String.valueOf(options.ports().dashboard()));
  }

  private String header(EmbeddedLakehouse stack, SparkSession spark) {
    // Spark moves its UI to the next port when 4040 is taken.
    String ui = spark.sparkContext().uiWebUrl().getOrElse(() -> "off");
    return ("dashboard http://localhost:%d%n"
            + "data %s · Spark UI %s · Kafka %s · producer http://localhost:%d/actuator/health%n"
            + "logs %s · Ctrl-C stops%s")
        .formatted(
            options.ports().dashboard(),
            dir.root(),
            ui,
            stack.kafka().bootstrapServers(),
            options.ports().producer(),
            dir.logs(),
            options.duration() == null
                ? ""
                : " · stops by itself at "
                    + Instant.now().plus(options.duration()).truncatedTo(ChronoUnit.SECONDS));
  }

  /** What a running pipeline is made of. */
  record Running(
      List<LayerSupervisor> layers,
      ServiceProcess producer,
      ServiceProcess dashboard,
      KafkaOffsets offsets,
      StatusProbe probe,
      SourceSpec source,
      LocalMaintenance maintenance) {}
}
