package dev.diffsweep.trainer.agent.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** GAE against values worked out by hand. */
class GaeTest {
  private static final double GAMMA = 0.5;
  private static final double LAMBDA = 0.5;

  private static double[] filled(int n, double value) {
    double[] values = new double[n];
    java.util.Arrays.fill(values, value);
    return values;
  }

  @Test
  void continuingStepsAccumulateDiscountedTdErrors() {
    // r = (1, 2), V = (1, 1), V' = (1, 4) (the last one the bootstrap):
    // delta_1 = 2 + 0.5 * 4 - 1 = 3, delta_0 = 1 + 0.5 * 1 - 1 = 0.5,
    // A_1 = 3, A_0 = 0.5 + 0.25 * 3 = 1.25.
    double[] advantages =
        Gae.advantages(
            new double[] {1, 2},
            new double[] {1, 1},
            new double[] {1, 4},
            filled(2, GAMMA),
            filled(2, LAMBDA),
            new boolean[2],
            new boolean[2]);
    assertThat(advantages).containsExactly(new double[] {1.25, 3}, within(1e-12));
  }

  @Test
  void terminationDropsTheBootstrapAndCutsTheTrace() {
    // Step 0 terminates: delta_0 = 1 - 1 = 0 (no bootstrap from V' = 10), A_0 = 0 (no trace from
    // step 1, which belongs to the next episode: A_1 = 2 + 0.5 * 4 - 1 = 3).
    double[] advantages =
        Gae.advantages(
            new double[] {1, 2},
            new double[] {1, 1},
            new double[] {10, 4},
            filled(2, GAMMA),
            filled(2, LAMBDA),
            new boolean[] {true, false},
            new boolean[] {true, false});
    assertThat(advantages).containsExactly(new double[] {0, 3}, within(1e-12));
  }

  @Test
  void truncationBootstrapsFromTheFinalObservationButCutsTheTrace() {
    // Step 0 is truncated with V(final observation) = 10: delta_0 = 1 + 0.5 * 10 - 1 = 5, and
    // A_0 = 5 without step 1's advantage.
    double[] advantages =
        Gae.advantages(
            new double[] {1, 2},
            new double[] {1, 1},
            new double[] {10, 4},
            filled(2, GAMMA),
            filled(2, LAMBDA),
            new boolean[] {false, false},
            new boolean[] {true, false});
    assertThat(advantages).containsExactly(new double[] {5, 3}, within(1e-12));
  }

  @Test
  void perStepDiscountsAndTracesApply() {
    // Discount 1 and trace 1 on step 0 (inside a chain), 0.5 and 0.5 on step 1:
    // delta_1 = 0 + 0.5 * 2 - 1 = 0, delta_0 = 0 + 1 * 1 - 3 = -2, A_0 = -2 + 1 * 0 = -2;
    // with a nonzero A_1 the trace passes it on whole: r_1 = 1 gives A_1 = 1, A_0 = -1.
    double[] advantages =
        Gae.advantages(
            new double[] {0, 1},
            new double[] {3, 1},
            new double[] {1, 2},
            new double[] {1, GAMMA},
            new double[] {1, LAMBDA},
            new boolean[2],
            new boolean[2]);
    assertThat(advantages).containsExactly(new double[] {-1, 1}, within(1e-12));
  }
}
