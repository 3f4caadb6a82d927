package io.cryptolakehouse.producer.coingecko;

import io.cryptolakehouse.producer.source.FetchOutcome;
import io.cryptolakehouse.producer.source.FetchOutcome.Failure;
import io.cryptolakehouse.producer.source.FetchOutcome.FailureReason;
import io.cryptolakehouse.producer.source.FetchOutcome.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/** Turns an HTTP status, body and headers into a {@link FetchOutcome}. */
final class HttpOutcomes {

  /** Error bodies are quoted in logs; an HTML page is cut to this many characters. */
  static final int DETAIL_CHARS = 200;

  private HttpOutcomes() {}

  static FetchOutcome classify(int status, String body, HttpHeaders headers, Clock clock) {
    if (status >= 200 && status < 300) {
      String type = headers.getFirst(HttpHeaders.CONTENT_TYPE);
      return new Response(status, body, type == null ? "" : type, clock.instant());
    }
    FailureReason reason =
        status == 429
            ? FailureReason.RATE_LIMITED
            : status >= 500 ? FailureReason.SERVER_ERROR : FailureReason.CLIENT_ERROR;
    return new Failure(
        reason,
        status,
        retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER), clock),
        abbreviate(body));
  }

  /** {@code Retry-After} is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
  static Optional<Duration> retryAfter(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  static String abbreviate(String body) {
    String oneLine = body.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= DETAIL_CHARS ? oneLine : oneLine.substring(0, DETAIL_CHARS) + "…";
  }
}
