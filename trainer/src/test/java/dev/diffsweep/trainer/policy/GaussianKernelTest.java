package dev.diffsweep.trainer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.diffsweep.trainer.nn.GradientTape;
import dev.diffsweep.trainer.nn.Scalars;
import dev.diffsweep.trainer.state.RandomStream;
import dev.diffsweep.trainer.testing.TorchManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kernel's analytic d l / d y against torch's autodiff, in float64; and the diffusion policy's
 * single-step kernel against its chain.
 */
class GaussianKernelTest {
  @RegisterExtension final TorchManager torch = new TorchManager();
  private final RandomStream random = new RandomStream(11);

  private NDArray gaussians(int rows, int cols, double scale, double shift) {
    double[] values = new double[rows * cols];
    for (int i = 0; i < values.length; i++) {
      values[i] = shift + scale * random.nextGaussian();
    }
    return torch.manager().create(values, new Shape(rows, cols));
  }

  /** The kernel's analytic d l / d y at (from, next) against torch's autodiff of its l. */
  private static void assertLogRatioGradientMatchesAutodiff(
      GaussianKernel kernel, NDArray from, NDArray next) {
    double[] analytic = kernel.logRatioGradient(from, next).toDoubleArray();
    NDArray y = next.duplicate();
    y.setRequiresGradient(true);
    try (GradientTape tape = GradientTape.open()) {
      tape.backward(kernel.logRatio(from, y).sum());
    }
    assertThat(analytic).containsExactly(y.getGradient().toDoubleArray(), within(1e-9));
  }

  @Test
  void logRatioGradientOfTheDiffusionKernelMatchesAutodiff() {
    NDArray eta = gaussians(4, 3, 0.02, 0.1).abs();
    NDArray decay = Scalars.multiply(eta, -1 / 6.25).add(1);
    GaussianKernel kernel =
        new GaussianKernel(gaussians(4, 3, 1, 0), Scalars.multiply(eta, 2), decay);
    assertLogRatioGradientMatchesAutodiff(kernel, gaussians(4, 3, 1, 0), gaussians(4, 3, 1, 0));
  }

  @Test
  void logDensityGradientOfTheGaussianMatchesAutodiff() {
    GaussianKernel kernel =
        new GaussianKernel(gaussians(4, 2, 1, 0), gaussians(4, 2, 0.1, 0.5).abs(), null);
    assertLogRatioGradientMatchesAutodiff(kernel, gaussians(4, 2, 1, 0), gaussians(4, 2, 1, 0));
  }

  @Test
  void squashedLogDensityGradientMatchesAutodiff() {
    GaussianKernel kernel =
        new GaussianKernel(gaussians(4, 2, 1, 0), gaussians(4, 2, 0.1, 0.5).abs(), null, true);
    assertLogRatioGradientMatchesAutodiff(kernel, gaussians(4, 2, 1, 0), gaussians(4, 2, 2, 0));
  }

  @Test
  void squashedLogRatioIsTheDensityOfTheTanhAction() {
    // a = tanh(y), y = 1 ~ N(0, 4): log p(a) = log N(1; 0, 4) - log(1 - tanh(1)^2 + 1e-6).
    GaussianKernel kernel = new GaussianKernel(torch.oneByOne(0), torch.oneByOne(4), null, true);
    NDArray y = torch.oneByOne(1);
    double t = Math.tanh(1);
    double expected = -1.0 / 8 - 0.5 * Math.log(2 * Math.PI * 4) - Math.log(1 - t * t + 1e-6);
    assertThat(kernel.logRatio(y, y).getDouble()).isCloseTo(expected, within(1e-6));
  }

  @Test
  void gaussianLogDensityIsTheTextbookFormula() {
    // N(y = 1; mean 0, var 4) in one dimension: -1/8 - log(2 pi 4) / 2.
    GaussianKernel kernel = new GaussianKernel(torch.oneByOne(0), torch.oneByOne(4), null);
    NDArray y = torch.oneByOne(1);
    double expected = -1.0 / 8 - 0.5 * Math.log(2 * Math.PI * 4);
    // log(2 pi) is a float constant in the kernel: 1e-7 relative.
    assertThat(kernel.logDensity(y).getDouble()).isCloseTo(expected, within(1e-6));
    assertThat(kernel.logRatio(y, y).getDouble()).isCloseTo(expected, within(1e-6));
  }

  @Test
  void singleStepKernelReproducesTheChainsStepLogRatios() {
    DiffusionSettings settings =
        new DiffusionSettings(3, 2.5, 0.17, 0.1, false, 0.25, false, 16, 2, 4, false);
    ActionScaling scaling =
        new ActionScaling(torch.manager(), new double[] {-1, -1}, new double[] {1, 1});
    DiffusionPolicy chain =
        new DiffusionPolicy(
            torch.manager(), 5, 2, settings, scaling, random.split(), DataType.FLOAT32);
    GradientTape.stopRecordingOnThisThread();
    NDArray observations =
        gaussians(1, 5, 1, 0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
    NDArray noise = gaussians(1, 8, 1, 0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
    ChainSample sample = chain.run(observations, noise, true);
    List<NDArray> states = sample.states();
    for (int k = 0; k < 3; k++) {
      float[] oneHot = new float[3];
      oneHot[k] = 1;
      GaussianKernel kernel =
          chain.kernel(
              observations, states.get(k), torch.manager().create(oneHot, new Shape(1, 3)));
      assertThat(kernel.logRatio(states.get(k), states.get(k + 1)).getFloat())
          .isCloseTo(sample.stepLogRatios().get(k).getFloat(), within(1e-4f));
    }
  }

  @Test
  void klFromThePreviousKernelIsTheExpectedLogDensityGapUnderThePreviousOne() {
    int samples = 200_000;
    double[] previousMean = {0.3, -1.0, 2.0};
    double[] previousVariance = {0.5, 1.5, 0.2};
    double[] mean = {0.1, -0.4, 2.5};
    double[] variance = {0.8, 1.0, 0.3};
    GaussianKernel previous = kernelRepeated(previousMean, previousVariance, samples);
    GaussianKernel current = kernelRepeated(mean, variance, samples);
    NDArray draws = previous.sample(gaussians(samples, 3, 1, 0));
    double monteCarlo =
        previous.logDensity(draws).sub(current.logDensity(draws)).mean().getDouble();
    double closedForm = 0;
    for (int i = 0; i < 3; i++) {
      double gap = previousMean[i] - mean[i];
      closedForm +=
          0.5
              * (Math.log(variance[i] / previousVariance[i])
                  + (previousVariance[i] + gap * gap) / variance[i]
                  - 1);
    }

    double[] kl = current.klFrom(previous).toDoubleArray();
    assertThat(kl[0]).isCloseTo(closedForm, within(1e-12));
    assertThat(kl[samples - 1]).isCloseTo(closedForm, within(1e-12));
    // The standard error of the estimate is about 0.003 here.
    assertThat(monteCarlo).isCloseTo(closedForm, within(0.015));
    assertThat(previous.klFrom(previous).toDoubleArray()[0]).isCloseTo(0, within(1e-12));
  }

  private GaussianKernel kernelRepeated(double[] mean, double[] variance, int rows) {
    NDArray meanRow = torch.manager().create(mean, new Shape(1, mean.length));
    NDArray varianceRow = torch.manager().create(variance, new Shape(1, variance.length));
    return new GaussianKernel(meanRow.repeat(0, rows), varianceRow.repeat(0, rows), null);
  }
}
