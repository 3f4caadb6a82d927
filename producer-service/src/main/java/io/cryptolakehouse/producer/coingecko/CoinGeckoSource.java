package io.cryptolakehouse.producer.coingecko;

import static io.cryptolakehouse.model.coingecko.CoinGeckoFields.*;

import io.cryptolakehouse.model.envelope.SourceKind;
import io.cryptolakehouse.producer.source.ApiRequest;
import io.cryptolakehouse.producer.source.FetchOutcome;
import io.cryptolakehouse.producer.source.FetchOutcome.Failure;
import io.cryptolakehouse.producer.source.FetchOutcome.FailureReason;
import io.cryptolakehouse.producer.source.ResponseSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;

/**
 * Calls the real CoinGecko API. Any 2xx body comes back untouched, even HTML or an empty string;
 * everything else becomes a {@link Failure} with the server's {@code Retry-After}, if any.
 */
public final class CoinGeckoSource implements ResponseSource {

  private static final int MARKETS_PER_PAGE = 250;

  private final WebClient client;
  private final Duration timeout;
  private final Clock clock;

  public CoinGeckoSource(WebClient client, Duration timeout, Clock clock) {
    this.client = client;
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public FetchOutcome fetch(ApiRequest request) {
    try {
      return client
          .get()
          .uri(b -> buildUri(b, request))
          .exchangeToMono(
              response ->
                  response
                      .bodyToMono(String.class)
                      .defaultIfEmpty("")
                      .map(
                          body ->
                              HttpOutcomes.classify(
                                  response.statusCode().value(),
                                  body,
                                  response.headers().asHttpHeaders(),
                                  clock)))
          .timeout(timeout)
          .blockOptional()
          .orElseThrow();
    } catch (RuntimeException e) {
      return failureOf(e);
    }
  }

  @Override
  public SourceKind kind() {
    return SourceKind.COINGECKO;
  }

  private static java.net.URI buildUri(UriBuilder b, ApiRequest request) {
    String ids = String.join(",", request.ids());
    UriBuilder path = b.path(request.endpoint().path());
    return switch (request.endpoint()) {
      case SIMPLE_PRICE ->
          path.queryParam(PARAM_IDS, ids)
              .queryParam(PARAM_VS_CURRENCIES, VS_CURRENCY_USD)
              .queryParam(PARAM_INCLUDE_MARKET_CAP, true)
              .queryParam(PARAM_INCLUDE_24HR_VOL, true)
              .queryParam(PARAM_INCLUDE_24HR_CHANGE, true)
              .queryParam(PARAM_INCLUDE_LAST_UPDATED_AT, true)
              .queryParam(PARAM_PRECISION, "full")
              .build();
      case COINS_MARKETS ->
          path.queryParam(PARAM_VS_CURRENCY, VS_CURRENCY_USD)
              .queryParam(PARAM_IDS, ids)
              .queryParam(PARAM_ORDER, "market_cap_desc")
              .queryParam(PARAM_PER_PAGE, MARKETS_PER_PAGE)
              .queryParam(PARAM_PAGE, 1)
              .build();
      case MARKET_CHART_RANGE ->
          path.queryParam(PARAM_VS_CURRENCY, VS_CURRENCY_USD)
              .queryParam(PARAM_FROM, request.range().from().getEpochSecond())
              .queryParam(PARAM_TO, request.range().to().getEpochSecond())
              .queryParam(PARAM_PRECISION, "full")
              .build(request.ids().get(0));
    };
  }

  private static Failure failureOf(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof TimeoutException)) {
      cause = cause.getCause();
    }
    if (cause instanceof TimeoutException) {
      return new Failure(FailureReason.TIMEOUT, 0, Optional.empty(), "no response in time");
    }
    return new Failure(
        FailureReason.IO_ERROR,
        0,
        Optional.empty(),
        cause.getClass().getSimpleName() + ": " + cause.getMessage());
  }

  /** The base client: plan key header, large enough buffers. The key never appears in logs. */
  public static WebClient buildClient(
      WebClient.Builder builder, String baseUrl, ApiPlan plan, String apiKey, int maxBytes) {
    WebClient.Builder b =
        builder
            .baseUrl(baseUrl)
            .defaultHeader(HttpHeaders.ACCEPT, "application/json")
            .codecs(c -> c.defaultCodecs().maxInMemorySize(maxBytes));
    if (plan.needsKey()) {
      b = b.defaultHeader(plan.keyHeader(), apiKey);
    }
    return b.build();
  }
}
