package dev.diffsweep.analysis.tables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/** Whole-file reads and writes through Hadoop's FileSystem, so study folders may be remote. */
public final class HadoopFiles {
  private HadoopFiles() {}

  public static void write(Configuration conf, Path path, byte[] bytes) {
    try {
      FileSystem fs = path.getFileSystem(conf);
      try (FSDataOutputStream out = fs.create(path, true)) {
        out.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  public static void writeText(Configuration conf, Path path, String text) {
    write(conf, path, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes the file so that a reader (a browser reloading report.html) sees the old content or the
   * new, never half: a hidden temporary file beside it, then one rename over it.
   */
  public static void writeTextAtomically(Configuration conf, Path path, String text) {
    if (isObjectStore(conf, path)) {
      // An object store shows the upload whole at close; a rename there would be a copy.
      write(conf, path, text.getBytes(StandardCharsets.UTF_8));
      return;
    }
    Path temporary = new Path(path.getParent(), "." + path.getName() + "." + UUID.randomUUID());
    write(conf, temporary, text.getBytes(StandardCharsets.UTF_8));
    try {
      FileSystem fs = path.getFileSystem(conf);
      FileContext context = FileContext.getFileContext(fs.getUri(), conf);
      context.rename(temporary, path, Options.Rename.OVERWRITE);
      // The local file system leaves a checksum file beside the temporary one.
      fs.delete(new Path(temporary.getParent(), "." + temporary.getName() + ".crc"), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot replace " + path, e);
    }
  }

  /** S3A and the like: files appear whole when their writer closes them; renames are copies. */
  static boolean isObjectStore(Configuration conf, Path path) {
    try {
      FileSystem fs = path.getFileSystem(conf);
      String scheme = fs.getUri().getScheme();
      return "s3a".equals(scheme)
          || "gs".equals(scheme)
          || fs.hasPathCapability(path, CommonPathCapabilities.ABORTABLE_STREAM);
    } catch (IOException e) {
      return false;
    }
  }

  /** The file's text, or empty if it does not exist. */
  public static Optional<String> readText(Configuration conf, Path path) {
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        return Optional.empty();
      }
      try (FSDataInputStream in = fs.open(path)) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
