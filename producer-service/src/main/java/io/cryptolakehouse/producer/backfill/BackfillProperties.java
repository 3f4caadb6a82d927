package io.cryptolakehouse.producer.backfill;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a backfill loads ({@code crypto.backfill.*}, active with the {@code backfill} profile): the
 * last {@code days} days up to the start of the current hour, or {@code from}..{@code to}, or the
 * ranges of a gaps file; for {@code coins} (default: the polled ids). Validated at startup; errors
 * name the key and its environment variable.
 */
@ConfigurationProperties("crypto.backfill")
public record BackfillProperties(
    boolean enabled,
    int days,
    String from,
    String to,
    String coins,
    int chunkDays,
    String gapsFile,
    String progressFile,
    String source) {

  public BackfillProperties {
    require(days >= 1 && days <= 3650, "days", "BACKFILL_DAYS", "must be 1..3650, was " + days);
    require(
        chunkDays >= 2 && chunkDays <= 90,
        "chunk-days",
        "BACKFILL_CHUNK_DAYS",
        "must be 2..90 (CoinGecko answers hourly points for ranges of 2 to 90 days), was "
            + chunkDays);
    parseInstant(from, "from", "BACKFILL_FROM");
    parseInstant(to, "to", "BACKFILL_TO");
    require(
        blank(gapsFile) || Files.isReadable(Path.of(gapsFile)),
        "gaps-file",
        "BACKFILL_GAPS_FILE",
        "must name a readable file, was '" + gapsFile + "'");
    require(
        blank(source) || source.equals("coingecko") || source.equals("simulated"),
        "source",
        "BACKFILL_SOURCE",
        "must be coingecko or simulated, was '" + source + "'");
  }

  public boolean simulated() {
    return "simulated".equals(source);
  }

  /** The coins to backfill, or empty for the polled ids. */
  public List<String> coinList() {
    return blank(coins)
        ? List.of()
        : Arrays.stream(coins.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  public Duration chunk() {
    return Duration.ofDays(chunkDays);
  }

  /** {@code from}, parsed; null when not set. */
  public Instant fromInstant() {
    return parseInstant(from, "from", "BACKFILL_FROM");
  }

  /** {@code to}, parsed; null when not set. */
  public Instant toInstant() {
    return parseInstant(to, "to", "BACKFILL_TO");
  }

  /** An ISO instant ({@code 2026-11-01T06:00:00Z}) or a UTC date ({@code 2026-11-01}). */
  static Instant parseInstant(String value, String key, String env) {
    if (blank(value)) {
      return null;
    }
    try {
      return value.contains("T")
          ? Instant.parse(value.strip())
          : LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "crypto.backfill."
              + key
              + " ("
              + env
              + ") must be a date (2026-11-01) or an instant (2026-11-01T06:00:00Z), was '"
              + value
              + "'");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static void require(boolean ok, String key, String env, String problem) {
    if (!ok) {
      throw new IllegalArgumentException("crypto.backfill." + key + " (" + env + ") " + problem);
    }
  }
}
