package dev.diffsweep.trainer.agent.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The reward scaler with several env copies: one discounted return per copy, one statistic. */
class RewardScalerTest {

  @Test
  void eachCopyDiscountsItsOwnReturnsIntoSharedStatistics() {
    // gamma = 0.5, reward 1 everywhere. Copy 0: G = 1, then 1.5 at its termination (reset to 0),
    // then 1 again. Copy 1, interleaved: G = 1, 1.5, 1.75. One return for both would run
    // 1, 1.5, 1.75 (reset), 1, 1.5, 1.75.
    // No clip: the first returns' variance is tiny.
    RewardScaler scaler = new RewardScaler(0.5, Double.MAX_VALUE, 2);
    RunningMeanStd expected = new RunningMeanStd(1);
    double[][] steps = {{0, 1}, {1, 1}, {0, 1.5}, {1, 1.5}, {0, 1}, {1, 1.75}};
    boolean[] terminated = {false, false, true, false, false, false};
    for (int i = 0; i < steps.length; i++) {
      int copy = (int) steps[i][0];
      expected.update(new double[] {steps[i][1]});
      double scaled = scaler.scale(copy, 1, terminated[i]);
      assertThat(scaled).isCloseTo(1 / Math.sqrt(expected.variance(0) + 1e-8), within(1e-12));
    }
  }
}
