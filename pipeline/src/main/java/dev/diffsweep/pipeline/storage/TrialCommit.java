package dev.diffsweep.pipeline.storage;

import dev.diffsweep.pipeline.trial.Trial;
import dev.diffsweep.pipeline.trial.TrialOutcome;
import dev.diffsweep.pipeline.trial.TrialStatus;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Moves a finished run's rows into the study's tables. The run's part files move with one rename
 * per table, then {@code runs/ID/outcome.json} is written: a trial is committed exactly when that
 * file says completed. Every step can be repeated after a crash at any point: a part already moved
 * is not moved again and no row is written twice.
 */
public final class TrialCommit {
  public static final String OUTCOME_FILE = "outcome.json";
  static final String[] TABLES = {"episodes", "evaluations"};

  private final StudyFolder folder;

  public TrialCommit(StudyFolder folder) {
    this.folder = folder;
  }

  /** The outcome a previous attempt or study run left, if any. */
  public Optional<TrialOutcome> outcome(String trialId) throws IOException {
    Path file = new Path(folder.runFolder(trialId), OUTCOME_FILE);
    if (!folder.fileSystem().exists(file)) {
      return Optional.empty();
    }
    return Optional.of(TrialOutcome.fromJson(folder.readString(file)));
  }

  public boolean isCommitted(String trialId) throws IOException {
    return outcome(trialId).map(o -> o.status() == TrialStatus.COMPLETED).orElse(false);
  }

  /** Publishes a completed run: its rows into the tables, then the outcome that commits it. */
  public void commit(Trial trial, TrialOutcome outcome) throws IOException {
    if (outcome.status() != TrialStatus.COMPLETED) {
      throw new IllegalArgumentException("only a completed trial is committed: " + outcome);
    }
    FileSystem fileSystem = folder.fileSystem();
    Path run = folder.runFolder(trial.id());
    for (String table : TABLES) {
      Path source = new Path(run, table);
      Path target = folder.trialPartition(table, trial);
      if (!fileSystem.exists(source)) {
        if (fileSystem.exists(target)) {
          continue; // moved by an earlier commit that crashed before writing its outcome
        }
        throw new IOException("the completed run " + run + " has no " + table + " folder");
      }
      removeUnfinishedParts(fileSystem, source);
      fileSystem.delete(target, true);
      fileSystem.mkdirs(target.getParent());
      if (!fileSystem.rename(source, target)) {
        throw new IOException("cannot move " + source + " to " + target);
      }
    }
    writeOutcome(outcome.withFiles(CommittedFileRecords.of(folder, trial)));
    // The checkpoint and its replay segments only served to resume; the committed rows are the
    // result.
    fileSystem.delete(new Path(run, "checkpoint"), true);
    fileSystem.delete(new Path(run, "replay"), true);
  }

  /**
   * Publishes a completed run that trained in local scratch for a study on HDFS, S3 or another
   * remote file system, where a folder rename is not one atomic step: each part is uploaded into
   * its partition by name (a repeat overwrites), then the outcome is written last; until then no
   * reader counts the partition (see {@link RemoteRunFolder#publishParts}).
   */
  public void commit(Trial trial, TrialOutcome outcome, RemoteRunFolder run) throws IOException {
    if (outcome.status() != TrialStatus.COMPLETED) {
      throw new IllegalArgumentException("only a completed trial is committed: " + outcome);
    }
    run.publishParts(folder, trial);
    writeOutcome(outcome.withFiles(CommittedFileRecords.of(folder, trial)));
    run.dropResumeState();
  }

  /** Leaves the failure where the driver and the next study run find it. */
  public void recordFailure(TrialOutcome outcome) throws IOException {
    writeOutcome(outcome);
  }

  /** Forgets an earlier failure before the trial runs again. */
  public void clearOutcome(String trialId) throws IOException {
    folder.fileSystem().delete(new Path(folder.runFolder(trialId), OUTCOME_FILE), false);
  }

  private void writeOutcome(TrialOutcome outcome) throws IOException {
    Path run = folder.runFolder(outcome.trialId());
    folder.fileSystem().mkdirs(run);
    folder.writeAtomically(new Path(run, OUTCOME_FILE), outcome.toJson());
  }

  /** Temp files a killed writer left behind are not rows of the trial. */
  private static void removeUnfinishedParts(FileSystem fileSystem, Path tableFolder)
      throws IOException {
    for (FileStatus file : fileSystem.listStatus(tableFolder)) {
      String name = file.getPath().getName();
      if (!(name.startsWith("part-") && name.endsWith(".parquet"))) {
        fileSystem.delete(file.getPath(), true);
      }
    }
  }
}
