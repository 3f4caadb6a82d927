package io.cryptolakehouse.maintenance;

/**
 * What one maintenance run did to one table: its shape before and after, and each step's count.
 * {@code error} is null when every step succeeded.
 */
public record TableReport(
    String table,
    long dataFilesBefore,
    long dataFilesAfter,
    int maxFilesPerPartitionBefore,
    int maxFilesPerPartitionAfter,
    long bytesBefore,
    long bytesAfter,
    long snapshotsBefore,
    long snapshotsAfter,
    long snapshotsExpired,
    int manifestsBefore,
    int manifestsAfter,
    long filesRewritten,
    long filesAdded,
    long manifestsRewritten,
    long bronzeRowsDropped,
    long orphanFilesRemoved,
    long durationMillis,
    String pinnedBy,
    String error) {

  static TableReport failed(String table, long durationMillis, String error) {
    return new TableReport(
        table, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, durationMillis, null, error);
  }

  /** One log line. */
  String describe() {
    if (error != null) {
      return table + ": FAILED after " + durationMillis + " ms: " + error;
    }
    return "%s: data files %d -> %d (max per partition %d -> %d), %d -> %d bytes, snapshots %d -> %d (%d expired), manifests %d -> %d; rewrote %d files into %d, %d manifests; dropped %d Bronze rows; removed %d orphan files; %d ms%s"
        .formatted(
            table,
            dataFilesBefore,
            dataFilesAfter,
            maxFilesPerPartitionBefore,
            maxFilesPerPartitionAfter,
            bytesBefore,
            bytesAfter,
            snapshotsBefore,
            snapshotsAfter,
            snapshotsExpired,
            manifestsBefore,
            manifestsAfter,
            filesRewritten,
            filesAdded,
            manifestsRewritten,
            bronzeRowsDropped,
            orphanFilesRemoved,
            durationMillis,
            pinnedBy == null ? "" : "; kept for " + pinnedBy);
  }
}
