package dev.diffsweep.analysis.tables;

import dev.diffsweep.analysis.verify.CommittedFiles;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Finds a Parquet file that is not one: Spark's own read errors do not always say which of
 * thousands of part files broke, so after a failed read the analysis looks for the culprit. A
 * Parquet file starts and ends with the magic bytes {@code PAR1} ({@link
 * CommittedFiles#looksLikeParquet}).
 */
final class ParquetFileCheck {
  private ParquetFileCheck() {}

  /** The first malformed {@code *.parquet} file under {@code folder}, if any. */
  static Optional<Path> firstMalformed(FileSystem fs, Path folder) throws IOException {
    if (!fs.exists(folder)) {
      return Optional.empty();
    }
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(folder, true);
    while (files.hasNext()) {
      LocatedFileStatus file = files.next();
      if (file.getPath().getName().endsWith(".parquet")
          && !CommittedFiles.looksLikeParquet(fs, file)) {
        return Optional.of(file.getPath());
      }
    }
    return Optional.empty();
  }
}
