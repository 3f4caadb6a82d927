package io.cryptolakehouse.model.envelope;

import java.util.Arrays;
import java.util.Locale;

/** Where an envelope's body came from. Generated data is tagged so tables never mix it silently. */
public enum SourceKind {
  COINGECKO(false),
  SIMULATED(true),
  REPLAY(false),
  BACKFILL(false);

  private final boolean simulated;

  SourceKind(boolean simulated) {
    this.simulated = simulated;
  }

  /** The value written in the envelope's {@code source} field and the Kafka header. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean simulated() {
    return simulated;
  }

  /** Parses a wire name; the message lists the accepted values. */
  public static SourceKind fromWireName(String value) {
    for (SourceKind kind : values()) {
      if (kind.wireName().equals(value)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown source '"
            + value
            + "', expected one of "
            + Arrays.stream(values()).map(SourceKind::wireName).toList());
  }
}
