package io.cryptolakehouse.producer.poll;

import io.cryptolakehouse.producer.source.ApiRequest.Endpoint;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** When each endpoint last completed a poll with everything published; read by health. */
public final class PollStatus {

  private final Instant startedAt;
  private final Map<Endpoint, Instant> lastSuccess = new EnumMap<>(Endpoint.class);

  public PollStatus(Instant startedAt) {
    this.startedAt = startedAt;
  }

  public synchronized void recordSuccess(Endpoint endpoint, Instant at) {
    lastSuccess.put(endpoint, at);
  }

  public synchronized Optional<Instant> lastSuccess(Endpoint endpoint) {
    return Optional.ofNullable(lastSuccess.get(endpoint));
  }

  public Instant startedAt() {
    return startedAt;
  }
}
