package io.cryptolakehouse.producer.backfill;

import io.cryptolakehouse.producer.coingecko.ApiPlan;
import io.cryptolakehouse.producer.poll.RetryingFetcher;
import io.cryptolakehouse.producer.publish.EnvelopePublisher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The {@code backfill} profile's one job: plan the chunks, fetch and publish them, exit. Exit code
 * 0 when every chunk is published, 3 when some failed every attempt (the next run retries just
 * those), 130 when stopped (SIGTERM finishes the chunk in flight; the next run resumes).
 */
public final class BackfillRunner
    implements ApplicationRunner, ExitCodeGenerator, ApplicationListener<ContextClosedEvent> {

  private static final Logger log = LoggerFactory.getLogger(BackfillRunner.class);

  /** How far back the public and Demo plans serve history. */
  static final Duration KEYLESS_HISTORY = Duration.ofDays(365);

  private static final Duration STOP_GRACE = Duration.ofSeconds(60);

  private final BackfillProperties props;
  private final List<String> polledIds;
  private final ApiPlan plan;
  private final RetryingFetcher fetcher;
  private final BackfillRun.Publisher publisher;
  private final Clock clock;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopping;
  private volatile int exitCode = 1;

  public BackfillRunner(
      BackfillProperties props,
      List<String> polledIds,
      ApiPlan plan,
      RetryingFetcher fetcher,
      EnvelopePublisher publisher,
      Clock clock) {
    this.props = props;
    this.polledIds = List.copyOf(polledIds);
    this.plan = plan;
    this.fetcher = fetcher;
    this.publisher = (request, response) -> publisher.publish(request, response);
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) throws InterruptedException {
    try {
      Instant currentHour = clock.instant().truncatedTo(ChronoUnit.HOURS);
      Path progressFile = blank(props.progressFile()) ? null : Path.of(props.progressFile());
      Planned planned =
          blank(props.gapsFile())
              ? planRange(currentHour, progressFile)
              : planGaps(currentHour, progressFile);
      List<Chunk> chunks = planned.chunks();
      requireWithinHistory(chunks);
      log.info(
          "Backfill: {} call(s) for {} coin(s), {} .. {}{}",
          chunks.size(),
          chunks.stream().map(Chunk::coin).distinct().count(),
          chunks.stream().map(Chunk::from).min(Instant::compareTo).orElse(currentHour),
          chunks.stream().map(Chunk::to).max(Instant::compareTo).orElse(currentHour),
          progressFile == null ? " (no progress file: an interrupted run starts over)" : "");
      BackfillRun.Result result =
          new BackfillRun(fetcher, publisher, () -> stopping).run(chunks, planned.progress());
      exitCode = result.complete() ? 0 : result.stopped() ? 130 : 3;
      log.info(
          "Backfill {}: {} of {} call(s) published now, {} earlier, {} failed{}",
          result.complete() ? "complete" : "incomplete",
          result.published(),
          result.planned(),
          result.resumed(),
          result.failed().size(),
          result.failed().isEmpty() ? "" : " (run it again to retry them): " + result.failed());
    } finally {
      finished.countDown();
    }
  }

  private Planned planRange(Instant currentHour, Path progressFile) {
    List<String> coins = props.coinList().isEmpty() ? polledIds : props.coinList();
    Instant to = props.toInstant() == null ? currentHour : min(props.toInstant(), currentHour);
    Instant from =
        props.fromInstant() == null ? to.minus(Duration.ofDays(props.days())) : props.fromInstant();
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException(
          "crypto.backfill.from (BACKFILL_FROM) " + from + " is not before " + to);
    }
    String id = planId(coins, props.days(), props.from(), props.to(), props.chunkDays());
    BackfillProgress progress = BackfillProgress.open(progressFile, id, from, to);
    return new Planned(
        BackfillPlan.ofRange(coins, progress.from(), progress.to(), props.chunk()), progress);
  }

  /** Gaps are widened up to "now": a resumed run keeps the first run's now (stored as to). */
  private Planned planGaps(Instant currentHour, Path progressFile) {
    List<Chunk> gaps = GapsFile.read(Path.of(props.gapsFile()));
    String id = planId(gaps, props.chunkDays());
    BackfillProgress progress =
        BackfillProgress.open(progressFile, id, currentHour.minusSeconds(1), currentHour);
    return new Planned(BackfillPlan.ofGaps(gaps, progress.to(), props.chunk()), progress);
  }

  private record Planned(List<Chunk> chunks, BackfillProgress progress) {}

  private void requireWithinHistory(List<Chunk> chunks) {
    Instant oldest = clock.instant().minus(KEYLESS_HISTORY);
    if (plan != ApiPlan.PRO
        && !props.simulated()
        && chunks.stream().anyMatch(c -> c.from().isBefore(oldest))) {
      throw new IllegalArgumentException(
          "crypto.backfill.days (BACKFILL_DAYS) / from (BACKFILL_FROM) reach back before "
              + oldest.truncatedTo(ChronoUnit.DAYS)
              + ": the public and Demo plans serve the last 365 days only (COINGECKO_API_PLAN=pro"
              + " reaches further)");
    }
  }

  @Override
  public int getExitCode() {
    return exitCode;
  }

  /**
   * SIGTERM: let the call in flight finish and be published. This runs when the context starts
   * closing, before any lifecycle stops: the HTTP client's resources and Kafka are still up.
   */
  @Override
  public void onApplicationEvent(ContextClosedEvent event) {
    if (finished.getCount() > 0) {
      log.info("Stopping the backfill after the call in flight; the next run resumes");
    }
    stopping = true;
    try {
      if (!finished.await(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        log.warn("Backfill did not stop within {}", STOP_GRACE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Names a backfill by what was asked (not by when), so a resumed run finds its progress. */
  private static String planId(Object... parts) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(Arrays.deepToString(parts).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
