package dev.diffsweep.analysis.verify;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32C;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Describes committed files (row count from the Parquet footer, length, CRC-32C of the bytes)
 * through Hadoop's FileSystem only, so that the same code records and checks them on every scheme.
 */
public final class CommittedFiles {
  private static final byte[] MAGIC = {'P', 'A', 'R', '1'};
  private static final int BUFFER = 1 << 16;

  private CommittedFiles() {}

  /**
   * A file readers take as part of a table: Spark and DuckDB skip names starting with '.' or '_'
   * (Hadoop's checksum files, temporary files), and read every other file of a partition.
   */
  public static boolean isVisible(FileStatus file) {
    String name = file.getPath().getName();
    return file.isFile() && !name.startsWith(".") && !name.startsWith("_");
  }

  /** The visible files of {@code partition}, by name; none when it does not exist. */
  public static List<FileStatus> visibleFiles(FileSystem fs, Path partition) throws IOException {
    FileStatus[] entries;
    try {
      entries = fs.listStatus(partition);
    } catch (FileNotFoundException gone) {
      return List.of();
    }
    return Arrays.stream(entries)
        .filter(CommittedFiles::isVisible)
        .sorted(Comparator.comparing(f -> f.getPath().getName()))
        .toList();
  }

  /** Records every visible file of the given partitions, paths relative to {@code studyRoot}. */
  public static List<CommittedFile> record(FileSystem fs, Path studyRoot, List<Path> partitions)
      throws IOException {
    List<CommittedFile> files = new ArrayList<>();
    for (Path partition : partitions) {
      for (FileStatus file : visibleFiles(fs, partition)) {
        files.add(
            new CommittedFile(
                relative(fs, studyRoot, file.getPath()),
                rowCount(fs, file.getPath()),
                file.getLen(),
                crc32c(fs, file.getPath())));
      }
    }
    return files;
  }

  /** {@code file} relative to {@code root}, with '/' separators. */
  public static String relative(FileSystem fs, Path root, Path file) {
    URI base = fs.makeQualified(root).toUri();
    URI full = fs.makeQualified(file).toUri();
    String basePath = base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/";
    String path = full.getPath();
    return path.startsWith(basePath) ? path.substring(basePath.length()) : path;
  }

  /** The rows the file's Parquet footer counts. */
  public static long rowCount(FileSystem fs, Path file) throws IOException {
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(file, fs.getConf()))) {
      return reader.getRecordCount();
    }
  }

  /**
   * Null when the footer is readable and every row group it lists lies inside the file; else what
   * is wrong. For files committed before file records existed.
   */
  public static String footerProblem(FileSystem fs, FileStatus file) {
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromStatus(file, fs.getConf()))) {
      for (BlockMetaData block : reader.getFooter().getBlocks()) {
        if (block.getStartingPos() + block.getCompressedSize() > file.getLen()) {
          return "a row group ends past the end of the file";
        }
      }
      long sum =
          reader.getFooter().getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
      return sum == reader.getRecordCount() ? null : "its row groups disagree on the row count";
    } catch (IOException | RuntimeException e) {
      return "its Parquet footer is unreadable (" + firstLine(e) + ")";
    }
  }

  /** True when the file starts and ends with Parquet's magic bytes: cheap, two small reads. */
  public static boolean looksLikeParquet(FileSystem fs, FileStatus file) throws IOException {
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

  /** The CRC-32C of the file's bytes as 8 hex digits. */
  public static String crc32c(FileSystem fs, Path file) throws IOException {
    CRC32C crc = new CRC32C();
    byte[] buffer = new byte[BUFFER];
    try (FSDataInputStream in = fs.open(file)) {
      int read;
      while ((read = in.read(buffer)) > 0) {
        crc.update(buffer, 0, read);
      }
    }
    return String.format("%08x", crc.getValue());
  }

  static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    return message.lines().findFirst().orElse(e.getClass().getSimpleName());
  }
}
