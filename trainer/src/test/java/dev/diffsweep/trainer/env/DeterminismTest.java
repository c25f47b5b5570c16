package dev.diffsweep.trainer.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeterminismTest {

  private static List<double[]> trajectory(String id, long seed) {
    List<double[]> observations = new ArrayList<>();
    try (Task task = TaskRegistry.create(id)) {
      observations.add(task.reset(seed));
      double[] action = new double[task.spec().actionSize()];
      for (int t = 0; t < 100; t++) {
        for (int i = 0; i < action.length; i++) {
          action[i] = task.spec().actionHigh()[i] * Math.sin(0.2 * t + i);
        }
        StepResult result = task.step(action);
        observations.add(result.observation());
        observations.add(new double[] {result.reward()});
        if (result.done()) {
          break;
        }
      }
    }
    return observations;
  }

  @ParameterizedTest
  @ValueSource(strings = {"HalfCheetah-v4", "Hopper-v4", "Ant-v4", "Humanoid-v4", "Reacher-v4"})
  void theSameSeedGivesABitIdenticalTrajectory(String id) {
    List<double[]> first = trajectory(id, 42);
    List<double[]> second = trajectory(id, 42);
    assertThat(second).hasSameSizeAs(first);
    for (int i = 0; i < first.size(); i++) {
      assertThat(second.get(i)).containsExactly(first.get(i));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"HalfCheetah-v4", "Hopper-v4", "Ant-v4", "Humanoid-v4"})
  void differentSeedsStartDifferently(String id) {
    assertThat(trajectory(id, 1).get(0)).isNotEqualTo(trajectory(id, 2).get(0));
  }
}
