package dev.diffsweep.trainer.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Termination (a terminal state) and truncation (the step limit) are different things. */
class EpisodeRulesTest {

  @Test
  void halfCheetahIsTruncatedAtExactly1000StepsAndNeverTerminated() {
    try (Task task = TaskRegistry.create("HalfCheetah-v4")) {
      task.reset(1);
      double[] action = new double[6];
      for (int t = 1; t < 1000; t++) {
        StepResult result = task.step(action);
        assertThat(result.terminated()).isFalse();
        assertThat(result.truncated()).as("step %d", t).isFalse();
      }
      StepResult last = task.step(action);
      assertThat(last.truncated()).isTrue();
      assertThat(last.terminated()).isFalse();
      assertThatThrownBy(() -> task.step(action))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("reset");
    }
  }

  /** The last step of an episode played out with one action throughout, and its length. */
  private record EpisodeEnd(StepResult last, int steps) {}

  private static EpisodeEnd playOut(Task task, double[] action) {
    StepResult result;
    int steps = 0;
    do {
      result = task.step(action);
      steps++;
    } while (!result.done());
    return new EpisodeEnd(result, steps);
  }

  @Test
  void aHopperLeftWithZeroActionFallsAndTerminatesBeforeTheLimit() {
    try (Hopper task = new Hopper()) {
      task.reset(2);
      EpisodeEnd end = playOut(task, new double[3]);
      assertThat(end.last().terminated()).isTrue();
      assertThat(end.last().truncated()).isFalse();
      assertThat(end.steps()).isLessThan(1000);
      double height = task.positions()[1];
      double angle = task.positions()[2];
      assertThat(height <= 0.7 || Math.abs(angle) >= 0.2).isTrue();
      // v4 pays the healthy reward on the terminal step too.
      assertThat(end.last().components().healthy()).isEqualTo(1.0);
    }
  }

  @Test
  void aHumanoidLeftWithZeroActionFallsBelowTheHealthyHeight() {
    try (Humanoid task = new Humanoid()) {
      task.reset(3);
      assertThat(playOut(task, new double[17]).last().terminated()).isTrue();
      assertThat(task.positions()[2]).isLessThanOrEqualTo(1.0);
    }
  }

  @Test
  void anInvertedPendulumLeftAloneTipsOverAndTerminates() {
    try (InvertedPendulum task = new InvertedPendulum()) {
      task.reset(4);
      assertThat(playOut(task, new double[] {0.3}).last().terminated()).isTrue();
      assertThat(Math.abs(task.positions()[1])).isGreaterThan(0.2);
    }
  }

  @Test
  void reacherEpisodesAreTruncatedAfter50Steps() {
    try (Task task = TaskRegistry.create("Reacher-v4")) {
      task.reset(5);
      EpisodeEnd end = playOut(task, new double[2]);
      assertThat(end.steps()).isEqualTo(50);
      assertThat(end.last().truncated()).isTrue();
      assertThat(end.last().terminated()).isFalse();
    }
  }

  @Test
  void resetStartsANewEpisodeAfterTheEnd() {
    try (Task task = TaskRegistry.create("InvertedPendulum-v4")) {
      task.reset(6);
      playOut(task, new double[] {3});
      task.reset(7);
      assertThat(task.step(new double[] {0}).done()).isFalse();
    }
  }
}
