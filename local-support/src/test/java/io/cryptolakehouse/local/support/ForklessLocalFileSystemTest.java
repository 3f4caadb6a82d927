package io.cryptolakehouse.local.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForklessLocalFileSystemTest {

  @TempDir java.nio.file.Path dir;

  @Test
  void createsRenamesAndSetsPermissionsWithoutAChildProcess() throws Exception {
    Configuration conf = new Configuration();
    LocalSessions.localCheckpoints()
        .forEach((key, value) -> conf.set(key.replaceFirst("^spark\\.hadoop\\.", ""), value));
    FileSystem fs = FileSystem.get(dir.toUri(), conf);
    Path sub = new Path(dir.toUri().toString(), "offsets");
    Path temp = new Path(sub, ".0.tmp");
    Path done = new Path(sub, "0");

    List<String> started =
        ChildProcesses.startedDuring(
            () -> {
              fs.mkdirs(sub, new FsPermission((short) 0750));
              try (OutputStream out =
                  fs.create(
                      temp, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20, null)) {
                out.write("v1".getBytes(StandardCharsets.UTF_8));
              }
              assertThat(fs.rename(temp, done)).isTrue();
            },
            dir);

    assertThat(fs).isInstanceOf(ForklessLocalFileSystem.class);
    assertThat(started).isEmpty();
    java.nio.file.Path written = dir.resolve("offsets/0");
    assertThat(Files.readString(written)).isEqualTo("v1");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written)))
        .isEqualTo("rw-r-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("offsets"))))
        .isEqualTo("rwxr-x---");
    // Still checksummed like Hadoop's default local file system, and the checksum moved along.
    assertThat(dir.resolve("offsets/.0.crc")).exists();
    assertThat(dir.resolve("offsets/.0.tmp")).doesNotExist();
  }

  @Test
  void keepsTheStickyBitThroughHadoopsOwnCommand() throws Exception {
    FileSystem fs = new ForklessLocalFileSystem();
    fs.initialize(dir.toUri(), new Configuration());
    Path shared = new Path(dir.toUri().toString(), "shared");
    fs.mkdirs(shared);

    fs.setPermission(shared, new FsPermission((short) 01777));

    assertThat(fs.getFileStatus(shared).getPermission().getStickyBit()).isTrue();
  }
}
