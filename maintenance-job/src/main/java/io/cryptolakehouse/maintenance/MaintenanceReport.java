package io.cryptolakehouse.maintenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** One maintenance run: when, how long, and per table what it did. */
public record MaintenanceReport(String startedAt, long durationMillis, List<TableReport> tables) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** True when every table was maintained without error. */
  public boolean ok() {
    return tables.stream().allMatch(t -> t.error() == null);
  }

  public long dataFilesBefore() {
    return tables.stream().mapToLong(TableReport::dataFilesBefore).sum();
  }

  public long dataFilesAfter() {
    return tables.stream().mapToLong(TableReport::dataFilesAfter).sum();
  }

  public long snapshotsBefore() {
    return tables.stream().mapToLong(TableReport::snapshotsBefore).sum();
  }

  public long snapshotsAfter() {
    return tables.stream().mapToLong(TableReport::snapshotsAfter).sum();
  }

  /** The report as one JSON object (the metrics other tools read). */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the maintenance report", e);
    }
  }

  public static MaintenanceReport fromJson(String json) {
    try {
      return JSON.readerFor(MaintenanceReport.class)
          .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not a maintenance report: " + e.getOriginalMessage(), e);
    }
  }
}
