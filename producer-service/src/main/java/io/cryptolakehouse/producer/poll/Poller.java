package io.cryptolakehouse.producer.poll;

import io.cryptolakehouse.producer.publish.EnvelopePublisher;
import io.cryptolakehouse.producer.source.ApiRequest;
import io.cryptolakehouse.producer.source.ApiRequest.Endpoint;
import io.cryptolakehouse.producer.source.FetchOutcome.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of one endpoint: split the ids into calls the API accepts, fetch each, publish each
 * response. A poll succeeds when every call's response is acknowledged by Kafka.
 */
public final class Poller {

  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  /** {@code /coins/markets} returns at most one page of 250 coins. */
  static final int MARKETS_MAX_IDS = 250;

  private final List<String> ids;
  private final int maxIdsPerCall;
  private final RetryingFetcher fetcher;
  private final EnvelopePublisher publisher;
  private final PollStatus status;
  private final Clock clock;

  public Poller(
      List<String> ids,
      int maxIdsPerCall,
      RetryingFetcher fetcher,
      EnvelopePublisher publisher,
      PollStatus status,
      Clock clock) {
    this.ids = List.copyOf(ids);
    this.maxIdsPerCall = maxIdsPerCall;
    this.fetcher = fetcher;
    this.publisher = publisher;
    this.status = status;
    this.clock = clock;
  }

  /** How many API calls one poll of {@code endpoint} makes for {@code ids} coins. */
  public static int callsPerPoll(Endpoint endpoint, int ids, int maxIdsPerCall) {
    int chunk =
        endpoint == Endpoint.COINS_MARKETS
            ? Math.min(maxIdsPerCall, MARKETS_MAX_IDS)
            : maxIdsPerCall;
    return Math.max(1, (ids + chunk - 1) / chunk);
  }

  /** Polls {@code endpoint} once; returns how many responses were published. */
  public int pollOnce(Endpoint endpoint) throws InterruptedException {
    int chunkSize =
        endpoint == Endpoint.COINS_MARKETS
            ? Math.min(maxIdsPerCall, MARKETS_MAX_IDS)
            : maxIdsPerCall;
    List<List<String>> chunks = split(ids, chunkSize);
    int published = 0;
    for (List<String> chunk : chunks) {
      ApiRequest request = new ApiRequest(endpoint, chunk);
      Optional<Response> response = fetcher.fetch(request);
      if (response.isPresent()) {
        publisher.publish(request, response.get());
        published++;
      }
    }
    if (published == chunks.size()) {
      status.recordSuccess(endpoint, clock.instant());
    }
    log.debug("{}: published {} of {} responses", endpoint.path(), published, chunks.size());
    return published;
  }

  static List<List<String>> split(List<String> ids, int size) {
    List<List<String>> chunks = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += size) {
      chunks.add(ids.subList(from, Math.min(ids.size(), from + size)));
    }
    return chunks;
  }
}
