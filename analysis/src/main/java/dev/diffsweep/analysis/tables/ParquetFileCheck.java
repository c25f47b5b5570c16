package dev.diffsweep.analysis.tables;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Finds a Parquet file that is not one: Spark's own read errors do not always say which of
 * thousands of part files broke, so after a failed read the analysis looks for the culprit. A
 * Parquet file starts and ends with the magic bytes {@code PAR1}.
 */
final class ParquetFileCheck {
  private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

  private ParquetFileCheck() {}

  /** The first malformed {@code *.parquet} file under {@code folder}, if any. */
  static Optional<Path> firstMalformed(FileSystem fs, Path folder) throws IOException {
    if (!fs.exists(folder)) {
      return Optional.empty();
    }
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(folder, true);
    while (files.hasNext()) {
      LocatedFileStatus file = files.next();
      if (file.getPath().getName().endsWith(".parquet") && !looksLikeParquet(fs, file)) {
        return Optional.of(file.getPath());
      }
    }
    return Optional.empty();
  }

  private static boolean looksLikeParquet(FileSystem fs, FileStatus file) throws IOException {
    long length = file.getLen();
    if (length < 12) {
      return false;
    }
    byte[] head = new byte[4];
    byte[] tail = new byte[4];
    try (FSDataInputStream in = fs.open(file.getPath())) {
      in.readFully(0, head);
      in.readFully(length - 4, tail);
    }
    return Arrays.equals(head, MAGIC) && Arrays.equals(tail, MAGIC);
  }
}
