package dev.diffsweep.trainer.env;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskSpecTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "HalfCheetah-v4, 17, 6, 0.05, 1000, -1, 1",
    "Hopper-v4, 11, 3, 0.008, 1000, -1, 1",
    "Walker2d-v4, 17, 6, 0.008, 1000, -1, 1",
    "Ant-v4, 27, 8, 0.05, 1000, -1, 1",
    "Humanoid-v4, 376, 17, 0.015, 1000, -0.4, 0.4",
    "InvertedPendulum-v4, 4, 1, 0.04, 1000, -3, 3",
    "InvertedDoublePendulum-v4, 11, 1, 0.05, 1000, -1, 1",
    "Swimmer-v4, 8, 2, 0.04, 1000, -1, 1",
    "Reacher-v4, 11, 2, 0.02, 50, -1, 1",
    "Pusher-v4, 23, 7, 0.05, 100, -2, 2",
    "HumanoidStandup-v4, 376, 17, 0.015, 1000, -0.4, 0.4",
  })
  void sizesStepDurationLimitAndActionBoundsMatchGymnasiumV4(
      String id,
      int observationSize,
      int actionSize,
      double dt,
      int maxEpisodeSteps,
      double low,
      double high) {
    try (Task task = TaskRegistry.create(id)) {
      TaskSpec spec = task.spec();
      assertThat(spec.id()).isEqualTo(id);
      assertThat(spec.observationSize()).isEqualTo(observationSize);
      assertThat(spec.actionSize()).isEqualTo(actionSize);
      assertThat(spec.dt()).isCloseTo(dt, org.assertj.core.data.Offset.offset(1e-12));
      assertThat(spec.maxEpisodeSteps()).isEqualTo(maxEpisodeSteps);
      assertThat(spec.actionLow()).containsOnly(low);
      assertThat(spec.actionHigh()).containsOnly(high);
      // The observation really has the advertised length, at reset and after a step.
      assertThat(task.reset(0)).hasSize(observationSize);
      assertThat(task.step(new double[actionSize]).observation()).hasSize(observationSize);
    }
  }
}
