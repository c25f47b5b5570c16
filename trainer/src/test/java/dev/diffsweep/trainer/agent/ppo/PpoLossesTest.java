package dev.diffsweep.trainer.agent.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import dev.diffsweep.trainer.testing.TorchManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PPO's losses on two-row batches worked out by hand. */
class PpoLossesTest {
  @RegisterExtension final TorchManager torch = new TorchManager();

  /** One value per row of the two-row batch. */
  private NDArray row(float... values) {
    return torch.vector(values);
  }

  @Test
  void policyLossTakesThePessimisticOfClippedAndUnclippedRatio() {
    // rho = (1.5, 0.5), A = (1, -1), eps = 0.2:
    // row 0: max(-1.5, -1.2) = -1.2; row 1: max(0.5, 0.8) = 0.8; mean -0.2.
    NDArray loss =
        PpoLosses.policyLoss(
            row((float) Math.log(1.5), (float) Math.log(0.5)), row(0, 0), row(1, -1), 0.2);
    assertThat(loss.getFloat()).isCloseTo(-0.2f, within(1e-6f));
  }

  @Test
  void valueLossTakesTheLargerOfClippedAndUnclippedError() {
    // V = (1, 3), V_old = (0, 0), R = (2, 0), eps = 0.2: clipped V = (0.2, 0.2);
    // errors max(1, 3.24) = 3.24 and max(9, 0.04) = 9; 0.5 * mean = 3.06. Unclipped: 2.5.
    assertThat(PpoLosses.valueLoss(row(1, 3), row(0, 0), row(2, 0), 0.2, true).getFloat())
        .isCloseTo(3.06f, within(1e-5f));
    assertThat(PpoLosses.valueLoss(row(1, 3), row(0, 0), row(2, 0), 0.2, false).getFloat())
        .isCloseTo(2.5f, within(1e-6f));
  }

  @Test
  void advantagesAreNormalisedWithTheUnbiasedStd() {
    // (1, 3): mean 2, unbiased std sqrt(2).
    float half = (float) (1 / Math.sqrt(2));
    assertThat(PpoLosses.normalizeAdvantages(new float[] {1, 3}))
        .containsExactly(new float[] {-half, half}, within(1e-6f));
  }
}
