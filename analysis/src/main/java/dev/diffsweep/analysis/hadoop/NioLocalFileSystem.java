package dev.diffsweep.analysis.hadoop;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's local file system ({@code file:}), checksums included, except that it sets permissions
 * through Java NIO. Without Hadoop's native library (libhadoop, which Maven does not ship) {@link
 * RawLocalFileSystem#setPermission} starts a {@code chmod} process, and it does so for every file
 * and folder it creates: a Spark write of a 10 000-trial study forked about 40 000 of them, which
 * took most of the write's time on a 2-core machine. {@link #configure} makes it the {@code file:}
 * implementation.
 */
public class NioLocalFileSystem extends LocalFileSystem {
  /** The Hadoop key that names the {@code file:} scheme's implementation. */
  public static final String KEY = "fs.file.impl";

  /** The same as a Spark setting (Spark copies {@code spark.hadoop.*} into Hadoop's). */
  public static final String SPARK_KEY = "spark.hadoop." + KEY;

  public NioLocalFileSystem() {
    super(new Raw());
  }

  /** Makes {@code conf} use this file system for {@code file:} paths unless it names another. */
  public static Configuration configure(Configuration conf) {
    if (conf.get(KEY) == null || conf.get(KEY).equals(LocalFileSystem.class.getName())) {
      conf.set(KEY, NioLocalFileSystem.class.getName());
    }
    return conf;
  }

  /** The raw (checksum-less) local file system with NIO permissions. */
  public static class Raw extends RawLocalFileSystem {
    private static final boolean POSIX =
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      // NIO cannot set the sticky bit; Hadoop's own path (native or chmod) handles that case.
      if (NativeIO.isAvailable() || !POSIX || permission.getStickyBit()) {
        super.setPermission(p, permission);
        return;
      }
      Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission.toShort()));
    }

    /** The rwxrwxrwx bits of a mode as NIO permissions. */
    static Set<PosixFilePermission> posix(int mode) {
      Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
      PosixFilePermission[] bits = {
        PosixFilePermission.OTHERS_EXECUTE,
        PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE,
        PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_READ
      };
      for (int i = 0; i < bits.length; i++) {
        if ((mode & (1 << i)) != 0) {
          set.add(bits[i]);
        }
      }
      return set;
    }
  }
}
