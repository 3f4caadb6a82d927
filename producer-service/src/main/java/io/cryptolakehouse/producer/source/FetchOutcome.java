package io.cryptolakehouse.producer.source;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What one call to a source produced: a publishable response, a failure, or nothing left. */
public sealed interface FetchOutcome {

  /** A 2xx response. Its body is published verbatim, whatever it contains. */
  record Response(int status, String body, String contentType, Instant fetchedAt)
      implements FetchOutcome {}

  /**
   * A call that must not be published: non-2xx, timeout or I/O error.
   *
   * @param retryAfter the server's {@code Retry-After}, when it sent one
   */
  record Failure(FailureReason reason, int status, Optional<Duration> retryAfter, String detail)
      implements FetchOutcome {}

  /** A finite source (a replay file) has nothing more to give. */
  record Exhausted() implements FetchOutcome {}

  /** Why a call failed; also the {@code outcome} tag of the call counter. */
  enum FailureReason {
    RATE_LIMITED,
    CLIENT_ERROR,
    SERVER_ERROR,
    TIMEOUT,
    IO_ERROR;

    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
