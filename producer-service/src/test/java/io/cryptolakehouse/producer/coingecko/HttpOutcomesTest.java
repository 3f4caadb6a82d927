package io.cryptolakehouse.producer.coingecko;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.producer.source.FetchOutcome.Failure;
import io.cryptolakehouse.producer.source.FetchOutcome.FailureReason;
import io.cryptolakehouse.producer.source.FetchOutcome.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class HttpOutcomesTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void anyTwoHundredIsAResponseWithItsBodyUntouched() {
    HttpHeaders headers = new HttpHeaders();
    headers.add(HttpHeaders.CONTENT_TYPE, "text/html");

    assertThat(HttpOutcomes.classify(200, "<html>oops</html>", headers, clock))
        .isEqualTo(new Response(200, "<html>oops</html>", "text/html", clock.instant()));
    assertThat(HttpOutcomes.classify(204, "", new HttpHeaders(), clock))
        .isInstanceOf(Response.class);
  }

  @Test
  void classifiesFailuresByStatus() {
    assertThat(reasonOf(429)).isEqualTo(FailureReason.RATE_LIMITED);
    assertThat(reasonOf(400)).isEqualTo(FailureReason.CLIENT_ERROR);
    assertThat(reasonOf(403)).isEqualTo(FailureReason.CLIENT_ERROR);
    assertThat(reasonOf(500)).isEqualTo(FailureReason.SERVER_ERROR);
    assertThat(reasonOf(503)).isEqualTo(FailureReason.SERVER_ERROR);
    assertThat(reasonOf(302)).isEqualTo(FailureReason.CLIENT_ERROR);
  }

  @Test
  void readsRetryAfterAsSecondsOrHttpDate() {
    assertThat(HttpOutcomes.retryAfter("43", clock)).contains(Duration.ofSeconds(43));
    assertThat(HttpOutcomes.retryAfter("Wed, 25 Nov 2026 10:01:30 GMT", clock))
        .contains(Duration.ofSeconds(90));
    assertThat(HttpOutcomes.retryAfter("Wed, 25 Nov 2026 09:00:00 GMT", clock))
        .contains(Duration.ZERO);
    assertThat(HttpOutcomes.retryAfter("soon", clock)).isEmpty();
    assertThat(HttpOutcomes.retryAfter("-5", clock)).isEmpty();
    assertThat(HttpOutcomes.retryAfter(null, clock)).isEmpty();
  }

  @Test
  void quotesLongErrorBodiesOnOneShortLine() {
    String page = "<html>\n<body>" + "x".repeat(5_000) + "</body></html>";
    Failure failure = (Failure) HttpOutcomes.classify(403, page, new HttpHeaders(), clock);

    assertThat(failure.detail()).hasSizeLessThanOrEqualTo(HttpOutcomes.DETAIL_CHARS + 1);
    assertThat(failure.detail()).doesNotContain("\n");
    assertThat(failure.retryAfter()).isEqualTo(Optional.empty());
  }

  private FailureReason reasonOf(int status) {
    return ((Failure) HttpOutcomes.classify(status, "{}", new HttpHeaders(), clock)).reason();
  }
}
