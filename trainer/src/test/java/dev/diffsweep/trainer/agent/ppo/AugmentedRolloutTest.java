package dev.diffsweep.trainer.agent.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The augmented-MDP bookkeeping on scripted episodes with K = 2 chain steps per env step: where
 * rewards land, where the discount applies, where episodes end; and with two env copies, that each
 * copy's advantages follow its own time line.
 */
class AugmentedRolloutTest {
  private static final float[] OBSERVATION = {0f};
  private static final float[] CHAIN = {0f, 0f, 0f};
  private static final float[] LOG_DENSITIES = {0f, 0f};

  private static void add(
      AugmentedRollout rollout,
      float[] logRatios,
      float[] values,
      double reward,
      boolean terminated,
      boolean truncated,
      double valueAfter) {
    rollout.add(
        0,
        OBSERVATION,
        CHAIN,
        LOG_DENSITIES,
        logRatios,
        values,
        reward,
        terminated,
        truncated,
        valueAfter);
  }

  /**
   * Env steps 0 and 1 are a two-step episode that terminates; step 2 starts the next episode and
   * ends the rollout (bootstrap V = 7).
   */
  private static AugmentedRollout twoStepEpisode() {
    AugmentedRollout rollout = new AugmentedRollout(3, 1, 2, 1, 1);
    add(rollout, new float[] {1, 2}, new float[] {1, 2}, 10, false, false, 0);
    add(rollout, new float[] {0, 0}, new float[] {3, 4}, 20, true, false, 0);
    add(rollout, new float[] {0, 0}, new float[] {5, 6}, 30, false, false, 0);
    rollout.finish(new double[] {7});
    return rollout;
  }

  @Test
  void envRewardLandsOnTheLastChainStepAndEveryStepPaysItsLogRatio() {
    // alpha = 0.5: rows (t, k) pay -0.5 l_k, plus r_t on k = 1.
    assertThat(twoStepEpisode().rewards(0.5))
        .containsExactly(new double[] {-0.5, 9, 0, 20, 0, 30}, within(1e-12));
  }

  @Test
  void discountAndDoneApplyOnlyAcrossEnvSteps() {
    // gamma = lambda = 0.5 across env steps, discount 1 and chain lambda 1 inside the chain.
    // TD errors: row 5: 30 + 0.5 * 7 - 6 = 27.5; row 4: 0 + 6 - 5 = 1; row 3 (terminated): 20 - 4
    // = 16; row 2: 0 + 4 - 3 = 1; row 1: 9 + 0.5 * 3 - 2 = 8.5; row 0: -0.5 + 2 - 1 = 0.5.
    // Advantages: A5 = 27.5, A4 = 1 + A5 = 28.5, A3 = 16 (episode ends), A2 = 1 + A3 = 17,
    // A1 = 8.5 + 0.25 A2 = 12.75, A0 = 0.5 + A1 = 13.25.
    AugmentedRollout.Targets targets = twoStepEpisode().targets(0.5, 0.5, 0.5, 1.0);
    assertTargets(
        targets,
        new double[] {13.25, 12.75, 17, 16, 28.5, 27.5},
        new double[] {14.25, 14.75, 20, 20, 33.5, 33.5});
  }

  @Test
  void truncationBootstrapsFromTheSuppliedValueAndCutsTheTrace() {
    // Step 0 is truncated, V(final observation) = 8; step 1 ends the rollout (bootstrap 9).
    AugmentedRollout rollout = new AugmentedRollout(2, 1, 2, 1, 1);
    add(rollout, new float[] {0, 0}, new float[] {1, 2}, 10, false, true, 8);
    add(rollout, new float[] {0, 0}, new float[] {3, 4}, 20, false, false, 0);
    rollout.finish(new double[] {9});
    // row 3: 20 + 0.5 * 9 - 4 = 20.5; row 2: 4 - 3 = 1 -> A2 = 21.5;
    // row 1: 10 + 0.5 * 8 - 2 = 12 (no trace into the next episode); row 0: 2 - 1 = 1 -> A0 = 13.
    AugmentedRollout.Targets targets = rollout.targets(0.0, 0.5, 0.5, 1.0);
    assertThat(targets.advantages())
        .containsExactly(new double[] {13, 12, 21.5, 20.5}, within(1e-6));
  }

  @Test
  void aGaussianPolicyIsTheOneStepCase() {
    // K = 1, alpha = 0: an ordinary PPO rollout, every row an env step.
    AugmentedRollout rollout = new AugmentedRollout(2, 1, 1, 1, 1);
    // Both steps carry log-ratio 5, which alpha = 0 leaves out of the rewards.
    for (double reward : new double[] {1, 2}) {
      rollout.add(
          0,
          OBSERVATION,
          new float[] {0, 0},
          new float[] {0},
          new float[] {5},
          new float[] {1},
          reward,
          false,
          false,
          0);
    }
    rollout.finish(new double[] {4});
    // delta_1 = 2 + 0.5 * 4 - 1 = 3, delta_0 = 1 + 0.5 * 1 - 1 = 0.5, A_0 = 0.5 + 0.25 * 3.
    assertThat(rollout.rewards(0.0)).containsExactly(1, 2);
    assertThat(rollout.targets(0.0, 0.5, 0.5, 1.0).advantages())
        .containsExactly(new double[] {1.25, 3}, within(1e-6));
  }

  /** One K = 1 env step of {@code copy} with value V and no log-ratio. */
  private static void addGaussianStep(
      AugmentedRollout rollout,
      int copy,
      float value,
      double reward,
      boolean terminated,
      boolean truncated,
      double valueAfter) {
    rollout.add(
        copy,
        OBSERVATION,
        new float[] {0, 0},
        new float[] {0},
        new float[] {0},
        new float[] {value},
        reward,
        terminated,
        truncated,
        valueAfter);
  }

  @Test
  void twoCopiesRunGaeAlongTheirOwnTimeLines() {
    // Three vector steps of two copies (K = 1), added time-major: slots c0t0, c1t0, c0t1, c1t1,
    // c0t2, c1t2. Copy 0: rewards 1, 2, 3, V = 1, terminates at t1, bootstrap 4 after t2.
    // Copy 1: rewards 10, 20, 30, V = 2, truncated at t0 (V(final) = 6), bootstrap 8 after t2.
    AugmentedRollout rollout = new AugmentedRollout(3, 2, 1, 1, 1);
    addGaussianStep(rollout, 0, 1, 1, false, false, 0);
    addGaussianStep(rollout, 1, 2, 10, false, true, 6);
    addGaussianStep(rollout, 0, 1, 2, true, false, 0);
    addGaussianStep(rollout, 1, 2, 20, false, false, 0);
    addGaussianStep(rollout, 0, 1, 3, false, false, 0);
    addGaussianStep(rollout, 1, 2, 30, false, false, 0);
    assertThat(rollout.full()).isTrue();
    rollout.finish(new double[] {4, 8});
    // gamma = lambda = 0.5.
    // Copy 0: t2: 3 + 0.5 * 4 - 1 = 4; t1 (terminated): 2 - 1 = 1, trace cut;
    //         t0: 1 + 0.5 * 1 - 1 + 0.25 * 1 = 0.75 (its next state is copy 0's t1, V = 1).
    // Copy 1: t2: 30 + 0.5 * 8 - 2 = 32; t1: 20 + 0.5 * 2 - 2 + 0.25 * 32 = 27;
    //         t0 (truncated): 10 + 0.5 * 6 - 2 = 11, trace cut.
    // Were the slots one time line, c0t0 would bootstrap from c1t0 and c1t1 from c0t2.
    AugmentedRollout.Targets targets = rollout.targets(0.0, 0.5, 0.5, 1.0);
    assertTargets(
        targets, new double[] {0.75, 11, 1, 27, 4, 32}, new double[] {1.75, 13, 2, 29, 5, 34});
  }

  @Test
  void stepsMustArriveAVectorStepAtATimeCopiesInOrder() {
    AugmentedRollout rollout = new AugmentedRollout(2, 2, 1, 1, 1);
    addGaussianStep(rollout, 0, 1, 1, false, false, 0);
    assertThatThrownBy(() -> addGaussianStep(rollout, 0, 1, 1, false, false, 0))
        .hasMessageContaining("expected a step of copy 1");
    assertThatThrownBy(() -> rollout.finish(new double[] {0, 0}))
        .hasMessageContaining("whole vector steps");
  }

  @Test
  void rowsReadBackTheirChainStates() {
    AugmentedRollout rollout = new AugmentedRollout(1, 1, 2, 1, 1);
    rollout.add(
        0,
        new float[] {7},
        new float[] {0.5f, 1.5f, 2.5f},
        new float[] {-1, -2},
        new float[] {0, 0},
        new float[] {0, 0},
        0,
        false,
        false,
        0);
    float[] from = new float[1];
    float[] to = new float[1];
    rollout.copyState(1, false, from, 0);
    rollout.copyState(1, true, to, 0);
    assertThat(from).containsExactly(1.5f);
    assertThat(to).containsExactly(2.5f);
    assertThat(rollout.step(1)).isEqualTo(1);
    assertThat(rollout.logDensity(1)).isEqualTo(-2f);
  }

  /**
   * Hand-computed advantages and returns. The examples' values are exact in float, which the
   * rollout stores, so the sums agree to double rounding.
   */
  private static void assertTargets(
      AugmentedRollout.Targets targets, double[] advantages, double[] returns) {
    assertThat(targets.advantages()).containsExactly(advantages, within(1e-9));
    assertThat(targets.returns()).containsExactly(returns, within(1e-9));
  }
}
