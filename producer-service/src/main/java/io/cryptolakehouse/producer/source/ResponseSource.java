package io.cryptolakehouse.producer.source;

import io.cryptolakehouse.model.envelope.SourceKind;

/** Answers API requests: live CoinGecko, a simulation, or a recording. */
public interface ResponseSource {

  /** Makes one call. Never throws for API or network trouble: that is a {@link FetchOutcome}. */
  FetchOutcome fetch(ApiRequest request);

  SourceKind kind();
}
