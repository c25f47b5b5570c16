package dev.diffsweep.pipeline.trial;

import dev.diffsweep.pipeline.storage.EvaluationCurves;
import dev.diffsweep.pipeline.storage.StudyFolder;
import dev.diffsweep.pipeline.storage.TrialCommit;
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

  public TrialRunner(StudyFolder folder, TrainerLauncher launcher) {
    if (!folder.isLocal()) {
      // Remote study folders need a local run folder mirrored to them; not built yet.
      throw new UnsupportedOperationException(
          "trainers write run folders on a local or mounted file system; "
              + folder.root()
              + " is not one yet");
    }
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
