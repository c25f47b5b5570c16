package dev.diffsweep.pipeline.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diffsweep.pipeline.storage.StudyFolder;
import dev.diffsweep.pipeline.testing.DuckDb;
import dev.diffsweep.pipeline.testing.Poll;
import dev.diffsweep.pipeline.testing.TestStudies;
import dev.diffsweep.pipeline.trial.TrainerLogs;
import dev.diffsweep.pipeline.trial.TrainerProcesses;
import dev.diffsweep.pipeline.trial.Trial;
import dev.diffsweep.pipeline.trial.TrialAttempt;
import dev.diffsweep.pipeline.trial.TrialAttemptFailedException;
import dev.diffsweep.pipeline.trial.TrialOutcome;
import dev.diffsweep.pipeline.trial.TrialStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialRunnerTest {
  @TempDir Path study;

  private TrialRunner runner() {
    StudyFolder folder = StudyFolder.open(study.toUri().toString(), Map.of());
    return new TrialRunner(folder, TestStudies.contractTrainer());
  }

  private static TrialAttempt attempt(int number, boolean last) {
    return new TrialAttempt(number, last, "cpu", "localhost");
  }

  @Test
  void commitsACompletedRunAndTrainsNothingTheSecondTime() throws Exception {
    Trial trial = TestStudies.trial(1, 500, "sleep_ms=0");

    TrialOutcome first = runner().run(trial, attempt(1, false));
    TrialOutcome second = runner().run(trial, attempt(1, false));

    assertThat(first.status()).isEqualTo(TrialStatus.COMPLETED);
    assertThat(first.envSteps()).isEqualTo(500);
    assertThat(first.newlyTrained()).isTrue();
    assertThat(second.newlyTrained()).isFalse();
    assertThat(second.status()).isEqualTo(TrialStatus.COMPLETED);
    assertThat(
            DuckDb.query(
                "SELECT count(*), count(DISTINCT episode), max(env_step), any_value(trial_id)"
                    + " FROM "
                    + DuckDb.table(study, "episodes")))
        .containsExactly(List.of(10L, 10L, 500L, trial.id()));
    assertThat(DuckDb.value("SELECT count(*) FROM " + DuckDb.table(study, "evaluations")))
        .isEqualTo(3L);
    assertThat(study.resolve("runs").resolve(trial.id()).resolve("checkpoint")).doesNotExist();
  }

  @Test
  void aRunThatFailsIsMarkedFailedWithItsErrorAndNotRetried() throws Exception {
    Trial trial = TestStudies.trial(2, 500, "sleep_ms=0", "nan_at_step=300");

    TrialOutcome outcome = runner().run(trial, attempt(1, false));

    assertThat(outcome.status()).isEqualTo(TrialStatus.FAILED);
    assertThat(outcome.error()).isEqualTo("the run failed: critic loss is NaN");
    assertThat(Files.exists(study.resolve("tables"))).isFalse();
  }

  @Test
  void aKilledTrainerFailsTheAttemptAndTheRetryResumesWithoutLosingOrRepeatingEpisodes()
      throws Exception {
    Trial trial = TestStudies.trial(3, 2000, "sleep_ms=40");
    CompletableFuture<Void> killer = killTheTrainerOnceItRuns(trial);

    assertThatThrownBy(() -> runner().run(trial, attempt(1, false)))
        .isInstanceOf(TrialAttemptFailedException.class)
        .hasMessageContaining("killed by signal 9");
    killer.get(30, TimeUnit.SECONDS);
    TrialOutcome retried = runner().run(trial, attempt(2, false));

    assertThat(retried.status()).isEqualTo(TrialStatus.COMPLETED);
    assertThat(TrainerLogs.of(study, trial, 2))
        .contains("training " + trial.id() + " from env step ")
        .doesNotContain("from env step 0\n");
    assertThat(
            DuckDb.query(
                "SELECT count(*), count(DISTINCT episode), min(episode), max(episode)"
                    + " FROM "
                    + DuckDb.table(study, "episodes")))
        .containsExactly(List.of(40L, 40L, 0L, 39L));
  }

  @Test
  void aCrashOnTheLastAttemptFailsTheTrialInsteadOfTheTask() throws Exception {
    Trial trial = TestStudies.trial(4, 2000, "sleep_ms=40");
    CompletableFuture<Void> killer = killTheTrainerOnceItRuns(trial);

    TrialOutcome outcome = runner().run(trial, attempt(4, true));
    killer.get(30, TimeUnit.SECONDS);

    assertThat(outcome.status()).isEqualTo(TrialStatus.FAILED);
    assertThat(outcome.attempts()).isEqualTo(4);
    assertThat(outcome.error()).startsWith("the trainer was killed by signal 9");
  }

  /** Kills the trial's trainer with SIGKILL as soon as it has written its run.json. */
  private CompletableFuture<Void> killTheTrainerOnceItRuns(Trial trial) {
    Path runJson = study.resolve("runs").resolve(trial.id()).resolve("run.json");
    return CompletableFuture.runAsync(
        () -> {
          assertThat(Poll.until(() -> Files.exists(runJson), Duration.ofMinutes(1))).isTrue();
          TrainerProcesses.kill(trial.id());
        });
  }
}
