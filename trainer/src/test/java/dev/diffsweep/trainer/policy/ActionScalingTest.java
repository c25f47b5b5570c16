package dev.diffsweep.trainer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.diffsweep.trainer.nn.GradientTape;
import dev.diffsweep.trainer.nn.TorchRuntime;
import org.junit.jupiter.api.Test;

/** The tanh-to-actuator map and its log-Jacobian against double-precision formulas. */
class ActionScalingTest {
  private static final float[] SQUASHED = {-0.9f, 0.2f, 0.5f, 0.999f};

  private static void check(double[] low, double[] high) {
    TorchRuntime.engine();
    GradientTape.stopRecordingOnThisThread();
    try (NDManager manager = NDManager.newBaseManager()) {
      ActionScaling scaling = new ActionScaling(manager, low, high);
      NDArray squashed = manager.create(SQUASHED, new Shape(2, 2));
      float[] actions = scaling.toActuatorRange(squashed).toFloatArray();
      float[] logJacobian = scaling.logJacobian(squashed).toFloatArray();
      for (int row = 0; row < 2; row++) {
        double expectedLog = 0;
        for (int d = 0; d < 2; d++) {
          double y = SQUASHED[2 * row + d];
          double scale = (high[d] - low[d]) / 2;
          double bias = (high[d] + low[d]) / 2;
          assertThat((double) actions[2 * row + d]).isCloseTo(y * scale + bias, within(1e-6));
          expectedLog += Math.log(scale * (1 - y * y) + ActionScaling.TANH_EPSILON);
        }
        assertThat((double) logJacobian[row]).isCloseTo(expectedLog, within(1e-4));
      }
    }
  }

  @Test
  void unitRangeIsTheIdentityWithTanhsJacobian() {
    check(new double[] {-1, -1}, new double[] {1, 1});
  }

  @Test
  void otherRangesAreScaledAndShifted() {
    check(new double[] {-3, 0}, new double[] {3, 2});
  }

  @Test
  void oneUnitDimensionAmongOthersIsNotTheIdentity() {
    check(new double[] {-1, -0.5}, new double[] {1, 0.5});
  }
}
