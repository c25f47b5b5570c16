package dev.diffsweep.pipeline.trial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.pipeline.study.EvaluationSchedule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StudyProgressTest {
  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong clock = new AtomicLong();
  private final StringWriter log = new StringWriter();
  private final Trial trial =
      Trial.of(
          "s", "sac", "Hopper-v4", 0, 100_000, new EvaluationSchedule(10_000, 5), new TreeMap<>());
  private final StudyProgress progress =
      new StudyProgress("s", List.of(trial), new PrintWriter(log), clock::get);

  @Test
  void aResumedTrialsRateCountsOnlyTheStepsTrainedSinceItResumed() {
    progress.started(trial.id(), 1);
    clock.addAndGet(2 * SECOND);
    progress.envSteps(trial.id(), 60_000);
    clock.addAndGet(100 * SECOND);
    progress.envSteps(trial.id(), 70_000);

    progress.logSummary();

    assertThat(log.toString())
        .contains(trial.id() + ": 70000/100000 env steps, 100 steps/s, ETA 5m00s");
  }

  @Test
  void aFreshTrialsRateCountsFromItsFirstReportedStep() {
    progress.started(trial.id(), 1);
    clock.addAndGet(2 * SECOND);
    progress.envSteps(trial.id(), 0);
    clock.addAndGet(50 * SECOND);
    progress.envSteps(trial.id(), 10_000);

    progress.logSummary();

    assertThat(log.toString()).contains(": 10000/100000 env steps, 200 steps/s, ETA 7m30s");
  }

  @Test
  void beforeAnyStepCountIsReadTheEtaIsUnknownRatherThanGuessed() {
    progress.started(trial.id(), 1);
    clock.addAndGet(30 * SECOND);

    progress.logSummary();

    assertThat(log.toString()).contains(": 0/100000 env steps, 0 steps/s, ETA unknown");
  }
}
