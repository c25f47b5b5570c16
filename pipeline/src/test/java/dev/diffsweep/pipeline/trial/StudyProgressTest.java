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
    reportAfter(2, 60_000);
    reportAfter(100, 70_000);

    assertThat(summary()).contains(trial.id() + ": 70000/100000 env steps, 100 steps/s, ETA 5m00s");
  }

  @Test
  void aFreshTrialsRateCountsFromItsFirstReportedStep() {
    progress.started(trial.id(), 1);
    reportAfter(2, 0);
    reportAfter(50, 10_000);

    assertThat(summary()).contains(": 10000/100000 env steps, 200 steps/s, ETA 7m30s");
  }

  @Test
  void beforeAnyStepCountIsReadTheEtaIsUnknownRatherThanGuessed() {
    progress.started(trial.id(), 1);
    clock.addAndGet(30 * SECOND);

    assertThat(summary()).contains(": 0/100000 env steps, 0 steps/s, ETA unknown");
  }

  /** The trial's run.json read by the driver {@code seconds} after the previous reading. */
  private void reportAfter(long seconds, long envSteps) {
    clock.addAndGet(seconds * SECOND);
    progress.envSteps(trial.id(), envSteps);
  }

  private String summary() {
    progress.logSummary();
    return log.toString();
  }
}
