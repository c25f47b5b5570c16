package dev.diffsweep.pipeline.execution;

import dev.diffsweep.pipeline.storage.EvaluationCurves;
import dev.diffsweep.pipeline.storage.RemoteRunFolder;
import dev.diffsweep.pipeline.storage.StudyFolder;
import dev.diffsweep.pipeline.storage.TrialCommit;
import dev.diffsweep.pipeline.trial.RunRecord;
import dev.diffsweep.pipeline.trial.RungOutcome;
import dev.diffsweep.pipeline.trial.TrainerLauncher;
import dev.diffsweep.pipeline.trial.TrainerProcess;
import dev.diffsweep.pipeline.trial.Trial;
import dev.diffsweep.pipeline.trial.TrialAttempt;
import dev.diffsweep.pipeline.trial.TrialAttemptFailedException;
import dev.diffsweep.pipeline.trial.TrialOutcome;
import dev.diffsweep.pipeline.trial.TrialStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs one attempt at a trial, from its trainer JVM to its commit. What the trainer's exit means
 * (docs/TABLES.md): 0 completed, 1 the run failed (NaN loss...; retrying would fail the same way),
 * 2 bad input; anything else is a killed or crashed trainer, which Spark retries and the trainer
 * resumes from its checkpoint.
 */
public final class TrialRunner {
  static final int EXIT_COMPLETED = 0;
  static final int EXIT_RUN_FAILED = 1;
  static final int EXIT_BAD_INPUT = 2;
  private static final int LOG_LINES_IN_ERRORS = 15;

  private final StudyFolder folder;
  private final TrialCommit commit;
  private final TrainerLauncher launcher;

  /**
   * A study on a local or mounted file system: the trainer writes the trial's run folder in place.
   * Elsewhere (HDFS, S3...) it writes a scratch folder on this machine ({@link #scratchFolder})
   * that {@link RemoteRunFolder} mirrors to the study's file system.
   */
  public TrialRunner(StudyFolder folder, TrainerLauncher launcher) {
    this.folder = folder;
    this.commit = new TrialCommit(folder);
    this.launcher = launcher;
  }

  public TrialOutcome run(Trial trial, TrialAttempt attempt)
      throws IOException, InterruptedException {
    Optional<TrialOutcome> earlier = commit.outcome(trial.id());
    if (earlier.isPresent() && earlier.get().status() == TrialStatus.COMPLETED) {
      return earlier.get().alreadyDone();
    }
    commit.clearOutcome(trial.id());
    if (!folder.isLocal()) {
      return runInScratch(trial, attempt);
    }
    Path runFolder = Path.of(folder.runFolder(trial.id()).toUri());
    Path log = runFolder.resolve("trainer-attempt-" + attempt.number() + ".log");
    int exit = TrainerProcess.run(launcher.command(trial, runFolder, attempt.device()), log);
    Optional<RunRecord> run = readRunRecord(trial);

    if (exit == EXIT_COMPLETED && run.isPresent() && run.get().completed()) {
      TrialOutcome outcome =
          TrialOutcome.from(
              run.get(), TrialStatus.COMPLETED, attempt.number(), null, attempt.device());
      commit.commit(trial, outcome);
      return outcome;
    }
    return failedAttempt(trial, attempt, exit, run, log);
  }

  /**
   * Trains {@code trial} up to {@code budget} env steps (a tuning rung) and returns its evaluation
   * curve so far. Below the trial's full budget the trainer stops with a checkpoint that the next
   * rung resumes; at the full budget this is {@link #run} and the trial is committed. A run already
   * at the budget trains nothing.
   */
  public RungOutcome runToBudget(Trial trial, TrialAttempt attempt, long budget)
      throws IOException, InterruptedException {
    if (budget >= trial.steps()) {
      TrialOutcome outcome = run(trial, attempt);
      if (outcome.status() != TrialStatus.COMPLETED) {
        return RungOutcome.failed(trial.id(), outcome.error());
      }
      return RungOutcome.trained(
          trial.id(),
          EvaluationCurves.read(folder.fileSystem(), folder.trialPartition("evaluations", trial)),
          outcome.newlyTrained());
    }
    Path runFolder = Path.of(folder.runFolder(trial.id()).toUri());
    Path log = runFolder.resolve("trainer-attempt-" + attempt.number() + ".log");
    java.util.List<String> command =
        launcher.command(trial, runFolder, attempt.device(), java.util.OptionalLong.of(budget));
    Optional<RunRecord> before = readRunRecord(trial);
    boolean alreadyThere =
        before.isPresent()
            && before.get().envSteps != null
            && before.get().envSteps >= budget
            && (before.get().stopped() || before.get().completed());
    int exit = alreadyThere ? EXIT_COMPLETED : TrainerProcess.run(command, log);
    Optional<RunRecord> run = readRunRecord(trial);
    if (exit == EXIT_COMPLETED
        && run.isPresent()
        && (run.get().stopped() || run.get().completed())) {
      return RungOutcome.trained(
          trial.id(),
          EvaluationCurves.read(
              folder.fileSystem(),
              new org.apache.hadoop.fs.Path(folder.runFolder(trial.id()), "evaluations")),
          !alreadyThere);
    }
    String error = explain(exit, run, log);
    boolean deterministic = exit == EXIT_RUN_FAILED || exit == EXIT_BAD_INPUT;
    if (!deterministic && !attempt.last()) {
      throw new TrialAttemptFailedException(
          "trial " + trial.id() + " attempt " + attempt.number() + ": " + error);
    }
    return RungOutcome.failed(trial.id(), error);
  }

  /**
   * The attempt for a study on a remote file system: resumes from the latest checkpoint the study
   * holds (a retried or relocated trial), mirrors each new checkpoint back while the trainer runs,
   * and commits by upload with the outcome written last.
   */
  private TrialOutcome runInScratch(Trial trial, TrialAttempt attempt)
      throws IOException, InterruptedException {
    RemoteRunFolder remote = new RemoteRunFolder(folder, trial.id(), scratchFolder(trial));
    remote.download();
    Path runFolder = remote.local();
    Path log = runFolder.resolve("trainer-attempt-" + attempt.number() + ".log");
    int exit;
    Mirror mirror = Mirror.start(remote, trial.id());
    try {
      exit = TrainerProcess.run(launcher.command(trial, runFolder, attempt.device()), log);
    } finally {
      mirror.close();
    }
    remote.sync();
    remote.uploadLogs();
    Optional<RunRecord> run = readRunRecord(runFolder);
    if (exit == EXIT_COMPLETED && run.isPresent() && run.get().completed()) {
      TrialOutcome outcome =
          TrialOutcome.from(
              run.get(), TrialStatus.COMPLETED, attempt.number(), null, attempt.device());
      commit.commit(trial, outcome, remote);
      remote.deleteScratch();
      return outcome;
    }
    return failedAttempt(trial, attempt, exit, run, log);
  }

  private TrialOutcome failedAttempt(
      Trial trial, TrialAttempt attempt, int exit, Optional<RunRecord> run, Path log)
      throws IOException {
    String error = explain(exit, run, log);
    boolean deterministic = exit == EXIT_RUN_FAILED || exit == EXIT_BAD_INPUT;
    if (!deterministic && !attempt.last()) {
      throw new TrialAttemptFailedException(
          "trial " + trial.id() + " attempt " + attempt.number() + ": " + error);
    }
    TrialOutcome failed =
        run.map(
                r ->
                    TrialOutcome.from(
                        r, TrialStatus.FAILED, attempt.number(), error, attempt.device()))
            .orElseGet(
                () ->
                    TrialOutcome.failedWithoutRecord(
                        trial.id(), attempt.number(), error, attempt.host(), attempt.device()));
    commit.recordFailure(failed);
    return failed;
  }

  /**
   * The executor-local folder a trial of a remote study trains in: under {@code diffsweep.scratch}
   * if set, else {@code java.io.tmpdir} (on YARN the container's own), one per study and trial.
   * Emptied at each attempt's start, which fills it from the study's copy.
   */
  Path scratchFolder(Trial trial) {
    String root = System.getProperty("diffsweep.scratch", System.getProperty("java.io.tmpdir"));
    String study = Integer.toHexString(folder.root().toString().hashCode());
    return Path.of(root, "diffsweep-scratch", study, trial.id());
  }

  /** Uploads the trainer's new checkpoints to the study's file system while it runs. */
  private static final class Mirror implements AutoCloseable {
    private static final long EVERY_MILLIS = 1000;
    private final Thread thread;
    private volatile boolean stopped;

    private Mirror(RemoteRunFolder remote, String trialId) {
      // Stopped by a flag, not an interrupt: an interrupt inside a Hadoop client call can close
      // connections the file system object shares with the rest of this JVM.
      this.thread =
          new Thread(
              () -> {
                while (!stopped) {
                  try {
                    for (long slept = 0; slept < EVERY_MILLIS && !stopped; slept += 100) {
                      Thread.sleep(100);
                    }
                    if (!stopped) {
                      remote.sync();
                    }
                  } catch (InterruptedException e) {
                    return;
                  } catch (IOException | RuntimeException e) {
                    // The study's file system was unreachable this time; the next round retries,
                    // and the attempt's final sync reports what stays broken.
                  }
                }
              },
              "diffsweep-mirror-" + trialId);
      thread.setDaemon(true);
    }

    static Mirror start(RemoteRunFolder remote, String trialId) {
      Mirror mirror = new Mirror(remote, trialId);
      mirror.thread.start();
      return mirror;
    }

    @Override
    public void close() {
      stopped = true;
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Optional<RunRecord> readRunRecord(Path runFolder) {
    try {
      return Optional.of(
          RunRecord.parse(java.nio.file.Files.readString(runFolder.resolve("run.json"))));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private Optional<RunRecord> readRunRecord(Trial trial) {
    org.apache.hadoop.fs.Path file =
        new org.apache.hadoop.fs.Path(folder.runFolder(trial.id()), "run.json");
    try {
      if (!folder.fileSystem().exists(file)) {
        return Optional.empty();
      }
      return Optional.of(RunRecord.parse(folder.readString(file)));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String explain(int exit, Optional<RunRecord> run, Path log) {
    String what =
        switch (exit) {
          case EXIT_COMPLETED -> "the trainer exited 0 but run.json does not say completed";
          case EXIT_RUN_FAILED -> "the run failed";
          case EXIT_BAD_INPUT -> "the trainer refused its input";
          default ->
              exit > 128
                  ? "the trainer was killed by signal " + (exit - 128)
                  : "the trainer exited with status " + exit;
        };
    if (run.isPresent() && run.get().error != null) {
      return what + ": " + run.get().error;
    }
    String tail = TrainerProcess.tail(log, LOG_LINES_IN_ERRORS);
    String lastLine =
        tail.isBlank() ? "(no output)" : tail.strip().lines().reduce((a, b) -> b).get();
    // The first line says what happened; the log's tail follows for the details.
    return what + ": " + lastLine + "\nlast lines of " + log + ":\n" + tail;
  }
}
