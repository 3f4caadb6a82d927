package io.cryptolakehouse.producer.backfill;

import io.cryptolakehouse.producer.poll.RetryingFetcher;
import io.cryptolakehouse.producer.source.ApiRequest;
import io.cryptolakehouse.producer.source.FetchOutcome.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches and publishes a backfill's chunks in order, within the API budget (the fetcher waits out
 * 429s and backs off on errors), recording each acknowledged chunk. A chunk whose every attempt
 * failed is skipped and reported; it stays in the progress file for the next run.
 */
final class BackfillRun {

  private static final Logger log = LoggerFactory.getLogger(BackfillRun.class);

  /** Publishes one response; returns once Kafka acknowledged it. */
  interface Publisher {
    void publish(ApiRequest request, Response response) throws InterruptedException;
  }

  /** What a run did. */
  record Result(int planned, int resumed, int published, List<Chunk> failed, boolean stopped) {
    boolean complete() {
      return failed.isEmpty() && !stopped;
    }
  }

  private final RetryingFetcher fetcher;
  private final Publisher publisher;
  private final BooleanSupplier stopping;

  BackfillRun(RetryingFetcher fetcher, Publisher publisher, BooleanSupplier stopping) {
    this.fetcher = fetcher;
    this.publisher = publisher;
    this.stopping = stopping;
  }

  Result run(List<Chunk> chunks, BackfillProgress progress) throws InterruptedException {
    int resumed = 0;
    int published = 0;
    List<Chunk> failed = new ArrayList<>();
    for (Chunk chunk : chunks) {
      if (progress.isDone(chunk)) {
        resumed++;
        continue;
      }
      if (stopping.getAsBoolean()) {
        log.info(
            "Backfill stopped with {} chunk(s) to go; the next run resumes",
            chunks.size() - resumed - published - failed.size());
        return new Result(chunks.size(), resumed, published, failed, true);
      }
      ApiRequest request = ApiRequest.history(chunk.coin(), chunk.from(), chunk.to());
      Optional<Response> response = fetcher.fetch(request);
      if (response.isEmpty()) {
        failed.add(chunk);
        continue;
      }
      publisher.publish(request, response.get());
      progress.markDone(chunk);
      published++;
      log.info(
          "Backfill {}/{}: {} {} .. {} published",
          resumed + published + failed.size(),
          chunks.size(),
          chunk.coin(),
          chunk.from(),
          chunk.to());
    }
    if (failed.isEmpty()) {
      progress.complete();
    }
    return new Result(chunks.size(), resumed, published, failed, false);
  }
}
