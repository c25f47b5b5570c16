package dev.diffsweep.pipeline.storage;

import dev.diffsweep.analysis.verify.CommittedFile;
import dev.diffsweep.analysis.verify.CommittedFiles;
import dev.diffsweep.analysis.verify.StudyVerification;
import dev.diffsweep.pipeline.trial.Trial;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;

/**
 * What a commit records of the files it published (their rows, length and CRC-32C), so that {@code
 * verify}, {@code study} and {@code analyze} can tell a damaged, missing or extra file later.
 */
final class CommittedFileRecords {
  private CommittedFileRecords() {}

  /** The records of the trial's partitions, as they are once its parts are moved in. */
  static List<CommittedFile> of(StudyFolder folder, Trial trial) throws IOException {
    List<Path> partitions = new ArrayList<>();
    for (String table : StudyVerification.TABLES) {
      partitions.add(folder.trialPartition(table, trial));
    }
    return CommittedFiles.record(folder.fileSystem(), folder.root(), partitions);
  }
}
