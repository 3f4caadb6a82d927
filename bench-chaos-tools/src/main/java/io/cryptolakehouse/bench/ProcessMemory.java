package io.cryptolakehouse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of running processes from Linux's {@code /proc} and of a JVM's heap from its GC log
 * ({@code -Xlog:gc}): reading them costs the measured processes nothing, unlike attaching jstat.
 */
final class ProcessMemory {

  /** A JVM heap over a run, from its GC log lines {@code … 512M->120M(3072M) …}. */
  record Heap(long peakUsedMb, long maxLiveMb, long committedMb, int collections) {}

  private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  private ProcessMemory() {}

  /** Resident set in MB (0 when the process has gone). */
  static long rssMb(long pid) {
    return statusField(pid, "VmRSS:") / 1024;
  }

  static long threads(long pid) {
    return statusField(pid, "Threads:");
  }

  private static long statusField(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // gone, or not Linux: nothing to count
    }
    return 0;
  }

  /** Peak used before a collection, largest live set after one, last committed size. */
  static Heap heap(List<String> gcLog) {
    long peak = 0;
    long live = 0;
    long committed = 0;
    int collections = 0;
    for (String line : gcLog) {
      Matcher m = GC.matcher(line);
      if (m.find()) {
        peak = Math.max(peak, Long.parseLong(m.group(1)));
        live = Math.max(live, Long.parseLong(m.group(2)));
        committed = Long.parseLong(m.group(3));
        collections++;
      }
    }
    return new Heap(peak, live, committed, collections);
  }
}
