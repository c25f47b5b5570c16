package dev.diffsweep.trainer.agent.wpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import dev.diffsweep.trainer.nn.GradientTape;
import dev.diffsweep.trainer.policy.GaussianKernel;
import dev.diffsweep.trainer.testing.TorchManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The WPO actor loss on one Gaussian row worked out by hand: mean mu = 0, variance 4 (sigma 2),
 * sampled y = 1, critic gradient dQ/dy = 3, alpha = 0, so the coefficient is -3.
 */
class WpoLossesTest {
  @RegisterExtension final TorchManager torch = new TorchManager();
  private NDArray mean;
  private NDArray variance;
  private NDArray next;
  private NDArray coefficient;

  @BeforeEach
  void setUp() {
    mean = torch.oneByOne(0);
    variance = torch.oneByOne(4);
    mean.setRequiresGradient(true);
    variance.setRequiresGradient(true);
    next = torch.oneByOne(1);
    NDArray noCriticPull = torch.oneByOne(0);
    coefficient = WpoLosses.coefficient(noCriticPull, torch.oneByOne(3), 0);
  }

  private double[] lossAndGradients(boolean natural) {
    double loss;
    try (GradientTape tape = GradientTape.open()) {
      NDArray value =
          WpoLosses.actorLoss(
              new GaussianKernel(mean, variance, null), coefficient, next, next, natural);
      tape.backward(value);
      loss = value.getDouble();
    }
    return new double[] {loss, mean.getGradient().getDouble(), variance.getGradient().getDouble()};
  }

  @Test
  void coefficientIsTemperatureTimesLogRatioGradientMinusCriticGradient() {
    NDArray c = WpoLosses.coefficient(torch.oneByOne(2), torch.oneByOne(3), 0.5);
    assertThat(c.getDouble()).isCloseTo(-2, within(1e-12));
  }

  @Test
  void plainLossIsCoefficientTimesTheScoreGradient() {
    // d log pi / dy = -(y - mu) / var = -0.25; L = -3 * -0.25 = 0.75.
    // dL/dmu = c / var = -0.75 (the mean moves up the critic); dL/dvar = c (y - mu) / var^2 =
    // -3/16.
    assertThat(lossAndGradients(false))
        .containsExactly(new double[] {0.75, -0.75, -3.0 / 16}, within(1e-12));
  }

  @Test
  void naturalGradientScalesTheMeanByVarianceAndSigmaBySigmaSquaredOverTwo() {
    // dL/dmu = c = -3 (= -0.75 * var). Plain dL/dsigma = dL/dvar * 2 sigma = -0.75; scaled by
    // sigma^2 / 2 = 2 it is -1.5, i.e. dL/dvar = -1.5 / (2 sigma) = -0.375.
    double[] result = lossAndGradients(true);
    assertThat(result[1]).isCloseTo(-3, within(1e-12));
    assertThat(result[2]).isCloseTo(-0.375, within(1e-12));
  }

  /**
   * The previous kernel has mean 1 and the same variance 4: KL = (0 + (4 + 1) / 4 - 1) / 2 = 1/8,
   * dKL/dmu = (mu - 1) / var = -1/4, dKL/dvar = (1 / var - (4 + 1) / var^2) / 2 = -1/32.
   */
  private double[] klBoundedLossAndGradients(double bound, double weight) {
    GaussianKernel previous = new GaussianKernel(torch.oneByOne(1), torch.oneByOne(4), null);
    double loss;
    try (GradientTape tape = GradientTape.open()) {
      GaussianKernel live = new GaussianKernel(mean, variance, null);
      NDArray value =
          WpoLosses.klBounded(
              WpoLosses.actorLoss(live, coefficient, next, next, false),
              live.klFrom(previous).mean(),
              bound,
              weight);
      tape.backward(value);
      loss = value.getDouble();
    }
    return new double[] {loss, mean.getGradient().getDouble(), variance.getGradient().getDouble()};
  }

  @Test
  void withinTheKlBoundTheStepDescendsTheWpoLoss() {
    assertThat(klBoundedLossAndGradients(0.2, 2))
        .containsExactly(new double[] {0.75, -0.75, -3.0 / 16}, within(1e-12));
  }

  @Test
  void pastTheKlBoundTheStepDescendsTheWeightedKlInstead() {
    assertThat(klBoundedLossAndGradients(0.1, 2))
        .containsExactly(new double[] {0.25, -0.5, -1.0 / 16}, within(1e-12));
  }
}
