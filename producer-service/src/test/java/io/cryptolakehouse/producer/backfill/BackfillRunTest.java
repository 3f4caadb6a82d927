package io.cryptolakehouse.producer.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.model.envelope.SourceKind;
import io.cryptolakehouse.producer.metrics.ProducerMetrics;
import io.cryptolakehouse.producer.poll.CallBudget;
import io.cryptolakehouse.producer.poll.FakeTime;
import io.cryptolakehouse.producer.poll.RetryingFetcher;
import io.cryptolakehouse.producer.retry.Backoff;
import io.cryptolakehouse.producer.source.ApiRequest;
import io.cryptolakehouse.producer.source.FetchOutcome;
import io.cryptolakehouse.producer.source.FetchOutcome.Failure;
import io.cryptolakehouse.producer.source.FetchOutcome.FailureReason;
import io.cryptolakehouse.producer.source.ResponseSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackfillRunTest {

  private static final Instant TO = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant FROM = TO.minus(Duration.ofDays(3));
  private static final List<Chunk> CHUNKS =
      BackfillPlan.ofRange(List.of("bitcoin", "ethereum", "solana"), FROM, TO, Duration.ofDays(90));

  @TempDir Path dir;
  private final FakeTime time = new FakeTime();
  private final List<ApiRequest> calls = new ArrayList<>();
  private final List<ApiRequest> published = new ArrayList<>();
  private final Set<Integer> rateLimitedCalls = new HashSet<>();
  private final Set<String> brokenCoins = new HashSet<>();

  @Test
  void waitsOutA429InTheMiddleAndPublishesEveryChunkOnce() throws Exception {
    rateLimitedCalls.add(2);
    Path progress = dir.resolve("progress");

    BackfillRun.Result result = run(progress, () -> false);

    assertThat(result.complete()).isTrue();
    assertThat(published)
        .extracting(r -> r.ids().get(0))
        .containsExactly("bitcoin", "ethereum", "solana");
    assertThat(published)
        .allSatisfy(r -> assertThat(r.range()).isEqualTo(new ApiRequest.Range(FROM, TO)));
    assertThat(calls).hasSize(4); // ethereum asked twice
    assertThat(time.totalSlept()).isGreaterThanOrEqualTo(Duration.ofSeconds(30)); // its Retry-After
    assertThat(progress).doesNotExist(); // complete: a repeat fetches everything again
  }

  @Test
  void anInterruptedBackfillResumesWithTheChunksNotYetPublished() throws Exception {
    Path progress = dir.resolve("progress");

    BackfillRun.Result first = run(progress, () -> published.size() >= 2);
    List<ApiRequest> firstRun = List.copyOf(published);
    published.clear();
    BackfillRun.Result second = run(progress, () -> false);

    assertThat(first.stopped()).isTrue();
    assertThat(firstRun).extracting(r -> r.ids().get(0)).containsExactly("bitcoin", "ethereum");
    assertThat(second.resumed()).isEqualTo(2);
    assertThat(published).extracting(r -> r.ids().get(0)).containsExactly("solana");
    assertThat(progress).doesNotExist();
  }

  @Test
  void aResumedRelativeBackfillKeepsTheRangeItStartedWithAndAnotherPlanStartsOver() {
    Path file = dir.resolve("progress");
    BackfillProgress.open(file, "last-3-days", FROM, TO).markDone(CHUNKS.get(0));

    BackfillProgress anHourLater =
        BackfillProgress.open(file, "last-3-days", FROM.plusSeconds(3600), TO.plusSeconds(3600));
    BackfillProgress anotherPlan =
        BackfillProgress.open(file, "other", FROM.plusSeconds(3600), TO.plusSeconds(3600));

    assertThat(anHourLater.from()).isEqualTo(FROM);
    assertThat(anHourLater.to()).isEqualTo(TO);
    assertThat(anHourLater.isDone(CHUNKS.get(0))).isTrue();
    assertThat(anotherPlan.from()).isEqualTo(FROM.plusSeconds(3600));
    assertThat(anotherPlan.isDone(CHUNKS.get(0))).isFalse();
  }

  @Test
  void aChunkThatFailsEveryAttemptIsReportedAndRetriedAloneNextTime() throws Exception {
    brokenCoins.add("ethereum");
    Path progress = dir.resolve("progress");

    BackfillRun.Result first = run(progress, () -> false);
    brokenCoins.clear();
    published.clear();
    BackfillRun.Result second = run(progress, () -> false);

    assertThat(first.failed()).extracting(Chunk::coin).containsExactly("ethereum");
    assertThat(Files.readAllLines(dir.resolve("progress.first"))).hasSize(3); // plan + 2 chunks
    assertThat(second.complete()).isTrue();
    assertThat(published).extracting(r -> r.ids().get(0)).containsExactly("ethereum");
  }

  private BackfillRun.Result run(Path progressFile, java.util.function.BooleanSupplier stop)
      throws Exception {
    BackfillProgress progress = BackfillProgress.open(progressFile, "plan-1", FROM, TO);
    ResponseSource source =
        new ResponseSource() {
          @Override
          public FetchOutcome fetch(ApiRequest request) {
            calls.add(request);
            if (rateLimitedCalls.remove(calls.size())) {
              return new Failure(
                  FailureReason.RATE_LIMITED, 429, Optional.of(Duration.ofSeconds(30)), "429");
            }
            if (brokenCoins.contains(request.ids().get(0))) {
              return new Failure(FailureReason.SERVER_ERROR, 503, Optional.empty(), "down");
            }
            return new FetchOutcome.Response(
                200, "{\"prices\":[[1,2]]}", "application/json", time.clock.instant());
          }

          @Override
          public SourceKind kind() {
            return SourceKind.COINGECKO;
          }
        };
    RetryingFetcher fetcher =
        new RetryingFetcher(
            source,
            new CallBudget(30, time.clock, time),
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4), new Random(7)),
            time,
            time.clock,
            new ProducerMetrics(new SimpleMeterRegistry()),
            3);
    BackfillRun.Result result =
        new BackfillRun(fetcher, (request, response) -> published.add(request), stop)
            .run(CHUNKS, progress);
    if (Files.exists(progressFile)) {
      Files.copy(
          progressFile,
          dir.resolve("progress.first"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return result;
  }
}
