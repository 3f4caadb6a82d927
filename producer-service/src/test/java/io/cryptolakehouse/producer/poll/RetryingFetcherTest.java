package io.cryptolakehouse.producer.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptolakehouse.model.envelope.SourceKind;
import io.cryptolakehouse.producer.metrics.ProducerMetrics;
import io.cryptolakehouse.producer.retry.Backoff;
import io.cryptolakehouse.producer.source.ApiRequest;
import io.cryptolakehouse.producer.source.ApiRequest.Endpoint;
import io.cryptolakehouse.producer.source.FetchOutcome;
import io.cryptolakehouse.producer.source.FetchOutcome.Failure;
import io.cryptolakehouse.producer.source.FetchOutcome.FailureReason;
import io.cryptolakehouse.producer.source.ResponseSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which failed calls are worth another attempt of the call budget. */
class RetryingFetcherTest {

  @ParameterizedTest
  @CsvSource({
    "CLIENT_ERROR, 401, 1",
    "CLIENT_ERROR, 404, 1",
    "CLIENT_ERROR, 408, 5",
    "RATE_LIMITED, 429, 5",
    "SERVER_ERROR, 503, 5",
    "TIMEOUT, 0, 5"
  })
  void retriesOnlyWhatCanSucceedOnAnotherAttempt(FailureReason reason, int status, int calls)
      throws InterruptedException {
    FakeTime time = new FakeTime();
    int[] made = {0};
    ResponseSource failing =
        new ResponseSource() {
          @Override
          public FetchOutcome fetch(ApiRequest request) {
            made[0]++;
            return new Failure(reason, status, Optional.empty(), "scripted");
          }

          @Override
          public SourceKind kind() {
            return SourceKind.COINGECKO;
          }
        };
    RetryingFetcher fetcher =
        new RetryingFetcher(
            failing,
            new CallBudget(1_000, time.clock, time),
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4), new Random(1)),
            time,
            time.clock,
            new ProducerMetrics(new SimpleMeterRegistry()),
            5);

    assertThat(fetcher.fetch(new ApiRequest(Endpoint.SIMPLE_PRICE, List.of("bitcoin")))).isEmpty();
    assertThat(made[0]).isEqualTo(calls);
  }
}
