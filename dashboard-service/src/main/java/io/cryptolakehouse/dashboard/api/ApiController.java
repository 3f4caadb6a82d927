package io.cryptolakehouse.dashboard.api;

import io.cryptolakehouse.dashboard.DashboardProperties;
import io.cryptolakehouse.dashboard.lakehouse.Alert;
import io.cryptolakehouse.dashboard.live.LiveFeed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The JSON API (docs/dashboard.md). Table reads block, so they run off the event loop. */
@RestController
@RequestMapping("/api")
class ApiController {

  private static final Duration DEFAULT_CANDLE_RANGE = Duration.ofHours(48);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final CoinBoard coins;
  private final HourlyCandles candles;
  private final IntervalCandles intervalCandles;
  private final AlertHistory alerts;
  private final PipelineHealth health;
  private final LiveFeed feed;
  private final int maxCandleDays;

  ApiController(
      CoinBoard coins,
      HourlyCandles candles,
      IntervalCandles intervalCandles,
      AlertHistory alerts,
      PipelineHealth health,
      LiveFeed feed,
      DashboardProperties properties) {
    this.feed = feed;
    this.coins = coins;
    this.candles = candles;
    this.intervalCandles = intervalCandles;
    this.alerts = alerts;
    this.health = health;
    this.maxCandleDays = properties.dashboard().maxCandleDays();
  }

  @GetMapping("/coins")
  Mono<Map<String, List<CoinQuote>>> coins() {
    return offLoop(() -> Map.of("coins", coins.quotes()));
  }

  /** Bars with from ≤ hour_start < to; by default the 48 hours up to Gold's newest bar. */
  @GetMapping("/coins/{coin}/candles")
  Mono<Map<String, Object>> candles(
      @PathVariable("coin") String coin,
      @RequestParam(name = "from", required = false) String from,
      @RequestParam(name = "to", required = false) String to) {
    String coinId = ApiParameters.coinId(coin);
    Instant fromAt = ApiParameters.instant("from", from);
    Instant toAt = ApiParameters.instant("to", to);
    return offLoop(
        () -> {
          Instant end =
              toAt != null
                  ? toAt
                  : candles.newestHour().orElse(Instant.now()).plus(Duration.ofHours(1));
          Instant start = fromAt != null ? fromAt : end.minus(DEFAULT_CANDLE_RANGE);
          ApiParameters.range(start, end, maxCandleDays);
          return Map.of(
              "coin_id", coinId,
              "from", start,
              "to", end,
              "candles", candles.between(coinId, start, end));
        });
  }

  /**
   * Candles at {@code interval} (1m, 5m, 15m, 1h, 1d) with from ≤ start < to; by default the
   * interval's usual range up to Gold's newest candle. A bucket without observations is absent (a
   * gap), unless {@code fill=previous} asks for it at the previous close ({@code "filled": true}).
   */
  @GetMapping("/coins/{coin}/candles/{interval}")
  Mono<Map<String, Object>> candlesAt(
      @PathVariable("coin") String coin,
      @PathVariable("interval") String interval,
      @RequestParam(name = "from", required = false) String from,
      @RequestParam(name = "to", required = false) String to,
      @RequestParam(name = "fill", required = false) String fill) {
    String coinId = ApiParameters.coinId(coin);
    CandleInterval at = CandleInterval.of(interval);
    Instant fromAt = ApiParameters.instant("from", from);
    Instant toAt = ApiParameters.instant("to", to);
    boolean carry = ApiParameters.fill(fill);
    return offLoop(
        () -> {
          Instant end =
              toAt != null ? toAt : intervalCandles.newest().orElse(Instant.now()).plus(at.length);
          Duration usual = at.defaultRange;
          if (usual.compareTo(Duration.ofDays(maxCandleDays)) > 0) {
            usual = Duration.ofDays(maxCandleDays);
          }
          Instant start = fromAt != null ? fromAt : end.minus(usual);
          ApiParameters.range(start, end, maxCandleDays);
          return Map.of(
              "coin_id", coinId,
              "interval", at.label,
              "from", start,
              "to", end,
              "candles", intervalCandles.between(coinId, at, start, end, carry));
        });
  }

  @GetMapping("/alerts")
  Mono<Map<String, List<Alert>>> alerts(
      @RequestParam(name = "coin", required = false) String coin,
      @RequestParam(name = "since", required = false) String since,
      @RequestParam(name = "limit", required = false) String limit) {
    String coinId = coin == null ? null : ApiParameters.coinId(coin);
    Instant sinceAt = ApiParameters.instant("since", since);
    int max = ApiParameters.limit(limit, 50, 1000);
    return offLoop(() -> Map.of("alerts", alerts.newest(coinId, sinceAt, max)));
  }

  @GetMapping("/health")
  Mono<Map<String, Object>> health() {
    return offLoop(() -> Map.of("lakehouse", health.check(), "live", feed.status()));
  }

  /**
   * Runs a read on a worker thread. A linkage error becomes an ordinary failure (Reactor would
   * treat it as fatal and leave the request hanging), and a read stuck on a dead metastore or S3
   * server ends the request after {@link #READ_TIMEOUT} with a 503.
   */
  private static <T> Mono<T> offLoop(Callable<T> read) {
    return Mono.fromCallable(
            () -> {
              try {
                return read.call();
              } catch (LinkageError e) {
                throw new IllegalStateException(e.toString(), e);
              }
            })
        .subscribeOn(Schedulers.boundedElastic())
        .timeout(READ_TIMEOUT);
  }
}
