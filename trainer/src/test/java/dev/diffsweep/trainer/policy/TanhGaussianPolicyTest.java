package dev.diffsweep.trainer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.diffsweep.trainer.state.RandomStream;
import dev.diffsweep.trainer.testing.TorchManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TanhGaussianPolicyTest {
  @RegisterExtension final TorchManager torch = new TorchManager();

  @Test
  void logDensityIsTheGaussianMinusTheSquashingJacobianInFloat64() {
    NDManager manager = torch.manager();
    double[] low = {-1, 0};
    double[] high = {1, 4};
    TanhGaussianPolicy policy =
        new TanhGaussianPolicy(
            manager, 3, 2, 8, -5, 2, new ActionScaling(manager, low, high), new RandomStream(4));
    RandomStream random = new RandomStream(9);
    int rows = 6;
    NDArray observations = manager.create(random.gaussians(rows * 3), new Shape(rows, 3));
    float[] eps = random.gaussians(rows * 2);
    PolicySample sample = policy.sample(observations, manager.create(eps, new Shape(rows, 2)));
    // The mean comes from the zero-noise action; sigma from the head through the same squash.
    float[] meanAction = policy.deterministicAction(observations).toFloatArray();
    float[] squashed = sample.squashed().toFloatArray();
    float[] actions = sample.action().toFloatArray();
    float[] logDensity = sample.logDensity().toFloatArray();
    for (int b = 0; b < rows; b++) {
      double expected = 0;
      for (int i = 0; i < 2; i++) {
        double scale = (high[i] - low[i]) / 2;
        double bias = (high[i] + low[i]) / 2;
        double mean = atanh((meanAction[b * 2 + i] - bias) / scale);
        double x = atanh(squashed[b * 2 + i]);
        double sigma = (x - mean) / eps[b * 2 + i];
        assertThat(sigma).isBetween(Math.exp(-5) - 1e-4, Math.exp(2) + 1e-4);
        expected +=
            -0.5 * Math.log(2 * Math.PI * sigma * sigma) - 0.5 * eps[b * 2 + i] * eps[b * 2 + i];
        double y = squashed[b * 2 + i];
        expected -= Math.log(scale * (1 - y * y) + 1e-6);
        assertThat((double) actions[b * 2 + i]).isCloseTo(y * scale + bias, within(1e-5));
      }
      assertThat((double) logDensity[b]).isCloseTo(expected, within(2e-3));
    }
  }

  private static double atanh(double y) {
    return 0.5 * Math.log((1 + y) / (1 - y));
  }
}
