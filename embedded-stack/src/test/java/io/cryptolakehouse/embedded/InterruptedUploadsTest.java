package io.cryptolakehouse.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterruptedUploadsTest {

  private static final String UUID = "c4def2a2-179e-4a61-ae11-b0ea4d98d73b";

  @Test
  void removesOnlyUntaggedTemporaryUploads(@TempDir Path dataDir) throws Exception {
    Path dir = Files.createDirectories(dataDir.resolve("warehouse/gold.db/t/data"));
    Path object = Files.writeString(dir.resolve("00000-1-" + UUID + "-0-00001.parquet"), "x");
    Path interrupted = Files.writeString(dir.resolve("00000-1-0-00004.parquet-" + UUID), "x");
    Path finishing = Files.writeString(dir.resolve("00000-1-0-00005.parquet-" + UUID), "x");
    Files.getFileAttributeView(finishing, UserDefinedFileAttributeView.class)
        .write("content-md5", ByteBuffer.wrap("md5".getBytes(StandardCharsets.UTF_8)));

    assertThat(InterruptedUploads.remove(dataDir)).isEqualTo(1);

    assertThat(interrupted).doesNotExist();
    assertThat(object).exists();
    assertThat(finishing).exists();
  }
}
