package dev.diffsweep.trainer.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VectorEnvTest {

  /** Copy i's episodes seeded from stream i of the run seed. */
  private static VectorEnv pendulums(int count, long seed) {
    VectorEnv envs = new VectorEnv(() -> TaskRegistry.create("InvertedPendulum-v4"), seed, i -> i);
    envs.growTo(count);
    return envs;
  }

  @Test
  void stepsEveryCopyAndResetsThoseWhoseEpisodeEnded() {
    try (VectorEnv envs = pendulums(3, 7)) {
      double[][] observations = envs.reset();
      assertThat(observations).hasNumberOfRows(3);
      // Copies start from different noise.
      assertThat(observations[0]).isNotEqualTo(observations[1]);
      // Push copy 0 hard so it tips over; keep the others still.
      boolean sawEnd = false;
      for (int t = 0; t < 100 && !sawEnd; t++) {
        VectorEnv.Step step = envs.step(new double[][] {{3}, {0}, {0}});
        assertThat(step.rewards()).containsOnly(1.0);
        if (step.terminated()[0]) {
          sawEnd = true;
          assertThat(Math.abs(step.finalObservations()[0][1])).isGreaterThan(0.2);
          // The returned observation is already the next episode's first one.
          assertThat(Math.abs(step.observations()[0][1])).isLessThanOrEqualTo(0.01);
        } else {
          assertThat(step.finalObservations()[0]).isNull();
        }
      }
      assertThat(sawEnd).isTrue();
    }
  }

  @Test
  void refusesTheWrongNumberOfActions() {
    try (VectorEnv envs = pendulums(2, 1)) {
      envs.reset();
      assertThatThrownBy(() -> envs.step(new double[][] {{0}}))
          .hasMessageContaining("expected 2 actions");
    }
  }
}
