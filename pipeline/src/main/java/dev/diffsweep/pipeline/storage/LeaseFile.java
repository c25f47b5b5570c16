package dev.diffsweep.pipeline.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The study's lease file on whatever file system holds the study, with the few operations {@link
 * StudyLease}'s protocol needs, each of them whole or not at all for a reader: create only if
 * absent, read, replace, delete. The protocol (who may hold it, when it expires) is StudyLease's.
 */
final class LeaseFile {
  private final FileSystem fileSystem;
  private final Path path;

  private LeaseFile(FileSystem fileSystem, Path path) {
    this.fileSystem = fileSystem;
    this.path = path;
  }

  /**
   * The lease file of a study folder. On the local file system without Hadoop's checksum files, so
   * that the lease is one plain file.
   */
  static LeaseFile of(StudyFolder folder) {
    FileSystem fileSystem = folder.fileSystem();
    return new LeaseFile(
        fileSystem instanceof LocalFileSystem local ? local.getRaw() : fileSystem,
        new Path(folder.root(), StudyLease.FILE_NAME));
  }

  /**
   * Creates the file with {@code text} unless it exists: false when it existed. "Unless it exists"
   * is {@link FileSystem#create(Path, boolean)} with overwrite false, atomic on HDFS; Hadoop's
   * local file system implements that as a check and then an open, so on file: folders it is a hard
   * link of a whole file instead (or, without hard links, O_CREAT | O_EXCL and then the write).
   */
  boolean createIfAbsent(String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (fileSystem instanceof RawLocalFileSystem local) {
      // Written whole first, then linked in place: link(2) fails when the name exists, so
      // readers never see a half-written lease.
      java.nio.file.Path target = local.pathToFile(path).toPath();
      Files.createDirectories(target.getParent());
      java.nio.file.Path whole = Files.write(target.resolveSibling(temporaryName()), bytes);
      try {
        Files.createLink(target, whole);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (IOException | UnsupportedOperationException noLinks) {
        try {
          Files.createFile(target);
        } catch (FileAlreadyExistsException e) {
          return false;
        }
        Files.write(target, bytes);
        return true;
      } finally {
        Files.deleteIfExists(whole);
      }
    }
    try (OutputStream out = fileSystem.create(path, false)) {
      out.write(bytes);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  /** The file's contents, or empty when it is gone. */
  Optional<String> text() throws IOException {
    try (FSDataInputStream in = fileSystem.open(path)) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (FileNotFoundException gone) {
      return Optional.empty();
    }
  }

  boolean exists() throws IOException {
    return fileSystem.exists(path);
  }

  void delete() throws IOException {
    fileSystem.delete(path, false);
  }

  /** When the file was last changed (the epoch when it is gone). */
  Instant modified() throws IOException {
    try {
      return Instant.ofEpochMilli(fileSystem.getFileStatus(path).getModificationTime());
    } catch (FileNotFoundException gone) {
      return Instant.EPOCH;
    }
  }

  /** Writes {@code text} whole to a new file beside the lease, for {@link #moveInPlace}. */
  Path stage(String text) throws IOException {
    Path staged = new Path(path.getParent(), temporaryName());
    try (OutputStream out = fileSystem.create(staged, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return staged;
  }

  /**
   * Moves a staged file over the lease, so that readers see the old contents or the new, never
   * none: on file: a rename(2) over it (Hadoop's local rename with OVERWRITE deletes the target
   * first), elsewhere FileContext's rename with OVERWRITE (one namenode operation on HDFS).
   */
  void moveInPlace(Path staged) throws IOException {
    if (fileSystem instanceof RawLocalFileSystem local) {
      Files.move(
          local.pathToFile(staged).toPath(),
          local.pathToFile(path).toPath(),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } else {
      FileContext.getFileContext(fileSystem.getUri(), fileSystem.getConf())
          .rename(staged, path, Options.Rename.OVERWRITE);
    }
  }

  /** Deletes a staged file that was not moved in place. */
  void discard(Path staged) throws IOException {
    if (fileSystem.exists(staged)) {
      fileSystem.delete(staged, false);
    }
  }

  private static String temporaryName() {
    return "." + StudyLease.FILE_NAME + "." + UUID.randomUUID();
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
