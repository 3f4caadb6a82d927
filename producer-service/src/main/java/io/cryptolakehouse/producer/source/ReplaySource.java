package io.cryptolakehouse.producer.source;

import io.cryptolakehouse.model.envelope.ApiEnvelope;
import io.cryptolakehouse.model.envelope.SourceKind;
import io.cryptolakehouse.producer.source.ApiRequest.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays recorded responses, one per call, in file order. The file holds one JSON document per
 * line: either a bare {@code /simple/price} body, or an envelope as found on our topics (so a dump
 * of {@code crypto.prices.raw} replays both endpoints as they were). Blank lines are skipped.
 */
public final class ReplaySource implements ResponseSource {

  private static final Logger log = LoggerFactory.getLogger(ReplaySource.class);

  private final Map<Endpoint, List<String>> bodies = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Integer> next = new EnumMap<>(Endpoint.class);
  private final boolean loop;
  private final Clock clock;

  public ReplaySource(Path file, boolean loop, Clock clock, JsonMapper json) {
    this.loop = loop;
    this.clock = clock;
    for (Endpoint e : Endpoint.values()) {
      bodies.put(e, new ArrayList<>());
      next.put(e, 0);
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          add(line, json);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read replay file " + file, e);
    }
    log.info(
        "Replaying {} price and {} market responses from {}",
        bodies.get(Endpoint.SIMPLE_PRICE).size(),
        bodies.get(Endpoint.COINS_MARKETS).size(),
        file);
  }

  private void add(String line, JsonMapper json) {
    try {
      ApiEnvelope envelope = json.readValue(line, ApiEnvelope.class);
      if (envelope.envelopeVersion() > 0) {
        Endpoint endpoint =
            Endpoint.COINS_MARKETS.path().equals(envelope.endpoint())
                ? Endpoint.COINS_MARKETS
                : Endpoint.SIMPLE_PRICE;
        bodies.get(endpoint).add(envelope.body());
        return;
      }
    } catch (JacksonException | IllegalArgumentException | NullPointerException notAnEnvelope) {
      // A bare response body: fall through.
    }
    bodies.get(Endpoint.SIMPLE_PRICE).add(line);
  }

  @Override
  public synchronized FetchOutcome fetch(ApiRequest request) {
    List<String> recorded = bodies.get(request.endpoint());
    int index = next.get(request.endpoint());
    if (index >= recorded.size()) {
      if (!loop || recorded.isEmpty()) {
        return new FetchOutcome.Exhausted();
      }
      index = 0;
    }
    next.put(request.endpoint(), index + 1);
    return new FetchOutcome.Response(200, recorded.get(index), "application/json", clock.instant());
  }

  @Override
  public SourceKind kind() {
    return SourceKind.REPLAY;
  }
}
