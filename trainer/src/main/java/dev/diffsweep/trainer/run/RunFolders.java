package dev.diffsweep.trainer.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Housekeeping of run folders: what a writer leaves behind when it cannot finish. */
public final class RunFolders {
  /**
   * Every writer in a run folder writes {@code NAME.tmp} (a file, or the checkpoint's folder) and
   * renames it into place when complete, so a {@code .tmp} entry is never part of the run.
   */
  static final String TEMPORARY_SUFFIX = ".tmp";

  private RunFolders() {}

  /** Deletes a file or a folder with everything in it; nothing when it does not exist. */
  public static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(path)) {
      for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(each);
      }
    }
  }

  /** Deletes the temporaries of unfinished writes in the run folder and its table folders. */
  static void deleteTemporaries(Path runDir) throws IOException {
    List<Path> temporaries;
    try (Stream<Path> paths = Files.walk(runDir, 2)) {
      temporaries =
          paths.filter(p -> p.getFileName().toString().endsWith(TEMPORARY_SUFFIX)).toList();
    }
    for (Path temporary : temporaries) {
      deleteRecursively(temporary);
    }
  }
}
