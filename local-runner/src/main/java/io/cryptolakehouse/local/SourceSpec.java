package io.cryptolakehouse.local;

import io.cryptolakehouse.local.support.UsageError;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the producer's responses come from: {@code coingecko}, {@code simulated}, or a replay. */
record SourceSpec(Kind kind, Path replayFile) {

  enum Kind {
    COINGECKO,
    SIMULATED,
    REPLAY
  }

  static final SourceSpec COINGECKO = new SourceSpec(Kind.COINGECKO, null);
  static final SourceSpec SIMULATED = new SourceSpec(Kind.SIMULATED, null);

  static SourceSpec parse(String value) {
    if (value.equals("coingecko")) {
      return COINGECKO;
    }
    if (value.equals("simulated")) {
      return SIMULATED;
    }
    if (value.startsWith("replay:") && value.length() > "replay:".length()) {
      Path file = Path.of(value.substring("replay:".length())).toAbsolutePath().normalize();
      if (!Files.isRegularFile(file)) {
        throw new UsageError("--source " + value + ": no such file " + file);
      }
      return new SourceSpec(Kind.REPLAY, file);
    }
    throw new UsageError(
        "--source must be coingecko, simulated or replay:FILE, was '" + value + "'");
  }

  /** The producer's {@code PRODUCER_SOURCE} value. */
  String producerSource() {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether Gold rows of this source are flagged {@code is_simulated}. */
  boolean simulated() {
    return kind == Kind.SIMULATED;
  }

  @Override
  public String toString() {
    return kind == Kind.REPLAY ? "replay:" + replayFile : producerSource();
  }
}
