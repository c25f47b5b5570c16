package dev.diffsweep.trainer.run;

import dev.diffsweep.trainer.agent.ReplayBuffer;
import dev.diffsweep.trainer.state.StateReader;
import dev.diffsweep.trainer.state.StateWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A run's replay rows on disk, {@code RUN_DIR/replay/rows-FROM-TO.bin}: each checkpoint appends one
 * segment with the rows added since the previous one, so its cost is the same at 10 000 rows as at
 * 1 000 000. The checkpoint's manifest lists the segments it needs (written last, so a segment no
 * manifest lists is invisible); segments whose rows the ring buffer has overwritten are deleted
 * once a checkpoint that no longer needs them is in place.
 */
final class ReplaySegments {
  static final String FOLDER = "replay";

  /** One segment: rows {@code from} (inclusive) to {@code to} (exclusive) and its checksum. */
  record Segment(long from, long to, long crc32) {
    String fileName() {
      return String.format("rows-%012d-%012d.bin", from, to);
    }
  }

  private final Path folder;
  private List<Segment> written = new ArrayList<>();
  private long persistedUpTo;

  ReplaySegments(Path runDir) {
    this.folder = runDir.resolve(FOLDER);
  }

  /**
   * Writes the rows added since the last call (or since the rows were restored) as one segment,
   * synced; returns every segment the buffer's held rows are in.
   */
  List<Segment> persist(ReplayBuffer buffer) throws IOException {
    long from = Math.max(persistedUpTo, buffer.oldestRow());
    long to = buffer.added();
    List<Segment> needed = new ArrayList<>();
    for (Segment segment : written) {
      if (segment.to() > buffer.oldestRow()) {
        needed.add(segment);
      }
    }
    if (to > from) {
      Files.createDirectories(folder);
      Path temporary = folder.resolve(".rows-" + from + "-" + to + ".tmp");
      CRC32 crc = new CRC32();
      try (StateWriter out =
          new StateWriter(new CheckedOutputStream(Files.newOutputStream(temporary), crc))) {
        buffer.writeRows(from, to, out);
      }
      sync(temporary);
      Segment segment = new Segment(from, to, crc.getValue());
      Files.move(
          temporary,
          folder.resolve(segment.fileName()),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      needed.add(segment);
    }
    written = needed;
    persistedUpTo = to;
    return List.copyOf(needed);
  }

  /**
   * Reads {@code segments} into {@code buffer} (whose own state is already restored) after checking
   * each file's checksum.
   *
   * @throws CheckpointException naming a missing or damaged segment
   */
  void restore(ReplayBuffer buffer, List<Segment> segments, String startOver) throws IOException {
    for (Segment segment : segments) {
      Path file = folder.resolve(segment.fileName());
      if (!Files.isRegularFile(file)) {
        throw new CheckpointException("replay segment " + file + " is missing" + startOver);
      }
      if (crc(file) != segment.crc32()) {
        throw new CheckpointException(
            "replay segment " + file + " is corrupt: it fails its checksum" + startOver);
      }
      try (StateReader in = new StateReader(Files.newInputStream(file))) {
        buffer.readRows(in);
      }
    }
    adopt(segments, buffer.added());
  }

  /**
   * Continues from a checkpoint whose rows are {@code segments}, persisted up to row {@code upTo}.
   */
  void adopt(List<Segment> segments, long upTo) {
    written = new ArrayList<>(segments);
    persistedUpTo = upTo;
  }

  /** Deletes every file of the folder that {@code kept} does not name (also leftover temps). */
  void deleteAllBut(List<Segment> kept) throws IOException {
    if (!Files.isDirectory(folder)) {
      return;
    }
    Set<String> names = kept.stream().map(Segment::fileName).collect(Collectors.toSet());
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        if (!names.contains(file.getFileName().toString())) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  static long crc(Path file) throws IOException {
    CRC32 crc = new CRC32();
    try (InputStream in = new CheckedInputStream(Files.newInputStream(file), crc)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return crc.getValue();
  }

  static void sync(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }
}
