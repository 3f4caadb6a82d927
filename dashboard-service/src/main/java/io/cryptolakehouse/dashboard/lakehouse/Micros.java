package io.cryptolakehouse.dashboard.lakehouse;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/** Iceberg keeps timestamps as microseconds since the epoch; its generic rows as date-times. */
public final class Micros {

  private Micros() {}

  public static long of(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  static Instant toInstant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /** A timestamp cell of a generic row (with or without zone; the tables store UTC). */
  public static Instant instantOf(Object cell) {
    if (cell == null) {
      return null;
    }
    if (cell instanceof OffsetDateTime withZone) {
      return withZone.toInstant();
    }
    if (cell instanceof java.time.LocalDateTime local) {
      return local.toInstant(java.time.ZoneOffset.UTC);
    }
    throw new IllegalArgumentException("Not a timestamp: " + cell.getClass().getName());
  }
}
