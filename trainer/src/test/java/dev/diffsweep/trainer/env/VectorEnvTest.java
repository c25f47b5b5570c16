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
  void aResumedCopyRetracesItsEpisodeAndContinuesItsSeedStream() {
    double[][] push = {{3}, {-3}};
    try (VectorEnv envs = pendulums(2, 3);
        VectorEnv resumed = pendulums(2, 3)) {
      envs.reset();
      // Copy 1 tips over under a constant push, then holds still four steps into its second
      // episode.
      while (!envs.step(push).done(1)) {
        assertThat(envs.episodeInProgress(1)).isZero();
      }
      assertThat(envs.episodeInProgress(1)).isEqualTo(1);
      double[][] actionsSoFar = {{0}, {0}, {0}, {0}};
      double[] reached = null;
      for (double[] action : actionsSoFar) {
        reached = envs.step(new double[][] {{0}, action}).observations()[1];
      }
      assertThat(envs.episodeInProgress(1)).isEqualTo(1);

      assertThat(resumed.resumeEpisode(1, 1, actionsSoFar)).containsExactly(reached);
      resumed.resumeEpisode(0, envs.episodeInProgress(0), new double[0][]);
      // Both go on alike, into the next episode (the stream's third) too.
      boolean done = false;
      while (!done) {
        VectorEnv.Step original = envs.step(push);
        VectorEnv.Step replayed = resumed.step(push);
        assertThat(replayed.observations()[1]).containsExactly(original.observations()[1]);
        done = original.done(1);
      }
      assertThat(resumed.episodeInProgress(1)).isEqualTo(2);
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
