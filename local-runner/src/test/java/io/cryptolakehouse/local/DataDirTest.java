package io.cryptolakehouse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptolakehouse.local.support.UsageError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirTest {

  @Test
  void oneHolderAtATime(@TempDir Path root) {
    DataDir dir = new DataDir(root);
    Optional<DataDir.Lock> first = dir.tryLock();
    assertThat(first).isPresent();
    assertThat(dir.tryLock()).as("a second holder is refused").isEmpty();
    first.get().close();
    Optional<DataDir.Lock> again = dir.tryLock();
    assertThat(again).isPresent();
    again.get().close();
  }

  @Test
  void wipeKeepsTheLockAndTheLogs(@TempDir Path root) throws Exception {
    DataDir dir = new DataDir(root);
    try (DataDir.Lock lock = dir.tryLock().orElseThrow()) {
      Files.createDirectories(root.resolve("kafka/partition-0"));
      Files.writeString(root.resolve("kafka/partition-0/log"), "x");
      Files.createDirectories(dir.logs());
      Files.writeString(dir.logs().resolve("pipeline.log"), "earlier run");

      dir.wipe();

      assertThat(root.resolve("kafka")).doesNotExist();
      assertThat(root.resolve(DataDir.LOCK)).exists();
      assertThat(dir.logs().resolve("pipeline.log")).hasContent("earlier run");
    }
  }

  @Test
  void propertiesAreWrittenWhole(@TempDir Path root) {
    DataDir dir = new DataDir(root);
    Properties p = new Properties();
    p.setProperty("mode", "pipeline");
    dir.write(dir.runtimeFile(), p);

    assertThat(dir.read(dir.runtimeFile()).getProperty("mode")).isEqualTo("pipeline");
    assertThat(dir.read(root.resolve("absent.properties"))).isEmpty();
    assertThat(root.resolve("runtime.properties.tmp")).doesNotExist();
  }

  @Test
  void aNewDataDirIsOwnerOnlyAndMarked(@TempDir Path parent) throws Exception {
    Path root = parent.resolve("lakehouse");
    DataDir dir = new DataDir(root);
    dir.tryLock().orElseThrow().close();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root)))
        .isEqualTo("rwx------");
    assertThat(root.resolve(DataDir.MARKER)).exists();
  }

  @Test
  void resetRefusesADirectoryRunLocalDidNotMake(@TempDir Path root) throws Exception {
    Files.writeString(root.resolve("thesis.tex"), "years of work");
    String before = PosixFilePermissions.toString(Files.getPosixFilePermissions(root));
    DataDir dir = new DataDir(root);
    try (DataDir.Lock lock = dir.tryLock().orElseThrow()) {
      assertThatThrownBy(dir::wipe)
          .isInstanceOf(UsageError.class)
          .hasMessageContaining("refusing to wipe " + root)
          .hasMessageContaining(DataDir.MARKER);
    }
    assertThat(root.resolve("thesis.tex")).hasContent("years of work");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root)))
        .as("a foreign directory keeps its permissions")
        .isEqualTo(before);
  }
}
