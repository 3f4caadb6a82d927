package io.cryptolakehouse.embedded;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Directories and files only their owner may read: the data dir holds the S3 credentials, the
 * metastore's database and every table. Where the file system has no POSIX permissions (Windows),
 * the user's profile directory already is private, and nothing is changed.
 */
public final class OwnerOnly {

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnly() {}

  /** Creates the directory (and its parents) if needed, and makes it 0700. */
  public static Path directory(Path dir) throws IOException {
    Files.createDirectories(dir);
    if (POSIX) {
      Files.setPosixFilePermissions(dir, DIR);
    }
    return dir;
  }

  /** Creates an empty 0600 file, which nobody else could read at any moment of its life. */
  public static Path newFile(Path file) throws IOException {
    if (POSIX) {
      return Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
    }
    return Files.createFile(file);
  }

  /** Makes an existing file 0600 (one written by an earlier version may be readable by others). */
  public static void restrict(Path file) throws IOException {
    if (POSIX && !Files.getPosixFilePermissions(file).equals(FILE)) {
      Files.setPosixFilePermissions(file, FILE);
    }
  }
}
