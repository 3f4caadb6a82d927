package io.cryptolakehouse.local.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system, checksummed like the default one, that sets a file's permissions
 * through {@code java.nio} instead of a {@code chmod} child process. Without Hadoop's native
 * library (not on Maven Central) the default one starts that process for every file it creates; the
 * streaming queries' checkpoint logs on the data dir write two entries per batch each, so a profile
 * of the local pipeline counted over a thousand of them in seven minutes, each a process start the
 * query's thread waited for on two busy cores.
 */
public final class ForklessLocalFileSystem extends LocalFileSystem {

  public ForklessLocalFileSystem() {
    super(new NioPermissions());
  }

  /** The raw file system underneath: only {@link #setPermission} differs. */
  static final class NioPermissions extends RawLocalFileSystem {

    @Override
    public void setPermission(Path path, FsPermission permission) throws IOException {
      if (permission.getStickyBit()) {
        super.setPermission(path, permission); // java.nio has no sticky bit
        return;
      }
      Files.setPosixFilePermissions(
          pathToFile(path).toPath(), PosixFilePermissions.fromString(symbolic(permission)));
    }

    /** {@code rwxr-x---} for 0750: the form {@link PosixFilePermissions#fromString} reads. */
    static String symbolic(FsPermission permission) {
      return permission.getUserAction().SYMBOL
          + permission.getGroupAction().SYMBOL
          + permission.getOtherAction().SYMBOL;
    }
  }
}
