package io.cryptolakehouse.local;

import io.cryptolakehouse.embedded.OwnerOnly;
import io.cryptolakehouse.local.support.DirectoryTrees;
import io.cryptolakehouse.local.support.UsageError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The local lakehouse's directory: the servers' data, the queries' checkpoints, logs, and what a
 * running pipeline publishes about itself ({@code runtime.properties}, {@code status.json}) so that
 * {@code sql} and {@code status} in another process can find it.
 *
 * <p>One process owns the directory at a time (an OS file lock on {@code .lock}, released even when
 * the owner is killed): the pipeline, or a {@code sql}/{@code status} that starts the storage
 * itself because no pipeline runs.
 */
final class DataDir {

  static final String LOCK = ".lock";

  /** Marks a directory run-local made (or adopted), the only kind {@code --reset} wipes. */
  static final String MARKER = ".run-local";

  /** A data dir of a version that wrote no marker has these credentials. */
  private static final String EARLIER_LAKEHOUSE = "s3-credentials.properties";

  private static final java.util.Set<String> KEPT = java.util.Set.of(LOCK, MARKER, "logs");

  private final Path root;

  DataDir(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  Path logs() {
    return root.resolve("logs");
  }

  Path checkpoints() {
    return root.resolve("checkpoints");
  }

  Path runtimeFile() {
    return root.resolve("runtime.properties");
  }

  Path statusFile() {
    return root.resolve("status.json");
  }

  Path statusTextFile() {
    return root.resolve("status.txt");
  }

  /** Whether a pipeline holds the directory now. */
  boolean pipelineRunning() {
    Optional<Lock> lock = tryLock();
    if (lock.isPresent()) {
      lock.get().close();
      return false;
    }
    return RuntimeInfo.PIPELINE.equals(read(runtimeFile()).getProperty(RuntimeInfo.MODE));
  }

  /** The report of the last maintenance run (scheduled or {@code ./run-local.sh maintenance}). */
  Path maintenanceFile() {
    return root.resolve("maintenance.json");
  }

  Path lastRunFile() {
    return root.resolve("last-run.properties");
  }

  /** Takes the directory, or empty when another process holds it. */
  Optional<Lock> tryLock() {
    try {
      claim();
      FileChannel channel =
          FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException heldByThisProcess) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        return Optional.empty();
      }
      return Optional.of(new Lock(channel, lock));
    } catch (IOException e) {
      throw new UsageError("cannot use data dir " + root + ": " + e.getMessage());
    }
  }

  /**
   * Makes a new or empty directory (or one run-local made) ours: owner-only (it holds the S3
   * credentials and every table) and marked. A directory holding anything else is used as it is,
   * its permissions untouched, and never wiped.
   */
  private void claim() throws IOException {
    boolean ours =
        !Files.exists(root)
            || Files.exists(root.resolve(MARKER))
            || Files.exists(root.resolve(EARLIER_LAKEHOUSE))
            || contents().isEmpty();
    if (ours) {
      OwnerOnly.directory(root);
      if (!Files.exists(root.resolve(MARKER))) {
        Files.writeString(root.resolve(MARKER), "a ./run-local.sh data dir; --reset wipes it\n");
      }
    } else {
      Files.createDirectories(root);
    }
  }

  private List<Path> contents() throws IOException {
    try (Stream<Path> entries = Files.list(root)) {
      return entries.filter(p -> !KEPT.contains(p.getFileName().toString())).toList();
    }
  }

  /**
   * Deletes all data: everything but the lock (held by the caller), the marker and the logs. Only a
   * directory run-local made: a mistyped {@code --data-dir} must not cost the user their files.
   */
  void wipe() {
    if (!Files.exists(root.resolve(MARKER))) {
      throw new UsageError(
          "refusing to wipe "
              + root
              + " (--reset): it holds files ./run-local.sh did not make (no "
              + MARKER
              + " marker); choose a new or empty --data-dir");
    }
    try (Stream<Path> entries = Files.list(root)) {
      for (Path entry : entries.filter(p -> !KEPT.contains(p.getFileName().toString())).toList()) {
        DirectoryTrees.delete(entry);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot wipe " + root, e);
    }
  }

  Properties read(Path file) {
    Properties props = new Properties();
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        props.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file, e);
      }
    }
    return props;
  }

  /** Writes via a temporary file and a rename, so a reader never sees half a file. */
  void write(Path file, Properties props) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        props.store(out, null);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  void writeString(Path file, String text) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, text);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /** The held directory; closing releases it. */
  static final class Lock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private Lock(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    @Override
    public void close() {
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
