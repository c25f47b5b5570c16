package dev.diffsweep.trainer.agent.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** GAE against values worked out by hand. */
class GaeTest {
  private static final double GAMMA = 0.5;
  private static final double LAMBDA = 0.5;

  /**
   * One step of a rollout, written as the comments work it out: its reward r, the value V of its
   * state, the value V' it bootstraps from, its discount and trace, and whether it terminates or
   * ends the episode (done: terminated or truncated).
   */
  private record Step(
      double reward,
      double value,
      double nextValue,
      double discount,
      double lambda,
      boolean terminated,
      boolean done) {
    /** This step reaching a terminal state. */
    Step terminating() {
      return new Step(reward, value, nextValue, discount, lambda, true, true);
    }

    /** This step cut off by the time limit. */
    Step truncated() {
      return new Step(reward, value, nextValue, discount, lambda, false, true);
    }
  }

  /** A step inside an episode, discounted by GAMMA with trace LAMBDA. */
  private static Step continuing(double reward, double value, double nextValue) {
    return new Step(reward, value, nextValue, GAMMA, LAMBDA, false, false);
  }

  /** Gae.advantages of the steps, in rollout order. */
  private static double[] advantages(Step... steps) {
    return Gae.advantages(
        each(steps, Step::reward),
        each(steps, Step::value),
        each(steps, Step::nextValue),
        each(steps, Step::discount),
        each(steps, Step::lambda),
        eachFlag(steps, Step::terminated),
        eachFlag(steps, Step::done));
  }

  private static double[] each(Step[] steps, ToDoubleFunction<Step> field) {
    return Arrays.stream(steps).mapToDouble(field).toArray();
  }

  private static boolean[] eachFlag(Step[] steps, Predicate<Step> flag) {
    boolean[] flags = new boolean[steps.length];
    for (int t = 0; t < steps.length; t++) {
      flags[t] = flag.test(steps[t]);
    }
    return flags;
  }

  @Test
  void continuingStepsAccumulateDiscountedTdErrors() {
    // r = (1, 2), V = (1, 1), V' = (1, 4) (the last one the bootstrap):
    // delta_1 = 2 + 0.5 * 4 - 1 = 3, delta_0 = 1 + 0.5 * 1 - 1 = 0.5,
    // A_1 = 3, A_0 = 0.5 + 0.25 * 3 = 1.25.
    assertThat(advantages(continuing(1, 1, 1), continuing(2, 1, 4)))
        .containsExactly(new double[] {1.25, 3}, within(1e-12));
  }

  @Test
  void terminationDropsTheBootstrapAndCutsTheTrace() {
    // Step 0 terminates: delta_0 = 1 - 1 = 0 (no bootstrap from V' = 10), A_0 = 0 (no trace from
    // step 1, which belongs to the next episode: A_1 = 2 + 0.5 * 4 - 1 = 3).
    assertThat(advantages(continuing(1, 1, 10).terminating(), continuing(2, 1, 4)))
        .containsExactly(new double[] {0, 3}, within(1e-12));
  }

  @Test
  void truncationBootstrapsFromTheFinalObservationButCutsTheTrace() {
    // Step 0 is truncated with V(final observation) = 10: delta_0 = 1 + 0.5 * 10 - 1 = 5, and
    // A_0 = 5 without step 1's advantage.
    assertThat(advantages(continuing(1, 1, 10).truncated(), continuing(2, 1, 4)))
        .containsExactly(new double[] {5, 3}, within(1e-12));
  }

  @Test
  void perStepDiscountsAndTracesApply() {
    // Discount 1 and trace 1 on step 0 (inside a chain), 0.5 and 0.5 on step 1:
    // delta_1 = 0 + 0.5 * 2 - 1 = 0, delta_0 = 0 + 1 * 1 - 3 = -2, A_0 = -2 + 1 * 0 = -2;
    // with a nonzero A_1 the trace passes it on whole: r_1 = 1 gives A_1 = 1, A_0 = -1.
    Step insideTheChain = new Step(0, 3, 1, 1, 1, false, false);
    assertThat(advantages(insideTheChain, continuing(1, 1, 2)))
        .containsExactly(new double[] {-1, 1}, within(1e-12));
  }
}
