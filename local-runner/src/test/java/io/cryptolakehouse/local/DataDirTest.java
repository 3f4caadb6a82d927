package io.cryptolakehouse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
