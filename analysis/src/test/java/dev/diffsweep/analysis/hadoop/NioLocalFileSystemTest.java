package dev.diffsweep.analysis.hadoop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioLocalFileSystemTest {
  @TempDir java.nio.file.Path dir;

  private FileSystem fileSystem() throws Exception {
    Configuration conf = NioLocalFileSystem.configure(new Configuration(false));
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return new Path(dir.toUri()).getFileSystem(conf);
  }

  @Test
  void isTheFileSchemesLocalFileSystem() throws Exception {
    FileSystem fs = fileSystem();
    assertThat(fs).isInstanceOf(NioLocalFileSystem.class);
    assertThat(FileSystem.getLocal(fs.getConf())).isInstanceOf(NioLocalFileSystem.class);
  }

  @Test
  void keepsAFileSystemTheConfigurationNames() {
    Configuration conf = new Configuration(false);
    conf.set(NioLocalFileSystem.KEY, "org.apache.hadoop.fs.RawLocalFileSystem");
    NioLocalFileSystem.configure(conf);
    assertThat(conf.get(NioLocalFileSystem.KEY))
        .isEqualTo("org.apache.hadoop.fs.RawLocalFileSystem");
  }

  @Test
  void createsFilesAndFoldersWithTheRequestedPermissions() throws Exception {
    FileSystem fs = fileSystem();
    Path file = new Path(new Path(dir.toUri()), "a/b/part-0.parquet");
    try (FSDataOutputStream out =
        fs.create(file, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20, null)) {
      out.write(42);
    }
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("a/b/part-0.parquet"))))
        .isEqualTo("rw-r-----");
    assertThat(Files.exists(dir.resolve("a/b/.part-0.parquet.crc"))).isTrue();
    assertThat(fs.getFileStatus(file).getLen()).isEqualTo(1);

    fs.setPermission(file, new FsPermission((short) 0751));
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("a/b/part-0.parquet"))))
        .isEqualTo("rwxr-x--x");
    assertThat(fs.getFileStatus(file).getPermission().toShort()).isEqualTo((short) 0751);

    fs.mkdirs(new Path(new Path(dir.toUri()), "c"), new FsPermission((short) 0700));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("c"))))
        .isEqualTo("rwx------");
  }

  @Test
  void mapsEveryPermissionBit() {
    for (int mode = 0; mode <= 0777; mode++) {
      assertThat(PosixFilePermissions.toString(NioLocalFileSystem.Raw.posix(mode)))
          .isEqualTo(new FsPermission((short) mode).toString());
    }
  }
}
