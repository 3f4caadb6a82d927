package io.cryptolakehouse.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The debris of uploads a stopped S3 server left half-written. S3Proxy's nio2 store writes an
 * object to {@code <key>-<uuid>} beside its key and tags it with the object's checksum; a server
 * killed mid-upload leaves that file untagged, and the store then lists it beside the real objects
 * and fails every LIST of its prefix with a 500 on the missing tag, for good. Removed before the
 * server starts again.
 */
final class InterruptedUploads {

  private static final Logger log = LoggerFactory.getLogger(InterruptedUploads.class);
  private static final Pattern TEMPORARY =
      Pattern.compile(
          ".+-\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");
  private static final String CHECKSUM = "content-md5";

  private InterruptedUploads() {}

  /** Deletes every untagged temporary upload under {@code dataDir}; returns how many. */
  static int remove(Path dataDir) throws IOException {
    List<Path> debris;
    try (Stream<Path> files = Files.walk(dataDir)) {
      debris = files.filter(Files::isRegularFile).filter(InterruptedUploads::isDebris).toList();
    }
    for (Path file : debris) {
      Files.deleteIfExists(file);
      log.warn("Removed {}: an upload interrupted when the S3 server last stopped", file);
    }
    return debris.size();
  }

  static boolean isDebris(Path file) {
    return TEMPORARY.matcher(file.getFileName().toString()).matches() && !isTagged(file);
  }

  private static boolean isTagged(Path file) {
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    try {
      return view != null && view.list().contains(CHECKSUM);
    } catch (IOException unreadable) {
      return false;
    }
  }
}
