package dev.diffsweep.trainer.agent.sac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.diffsweep.trainer.agent.Temperature;
import dev.diffsweep.trainer.agent.offpolicy.CriticLosses;
import dev.diffsweep.trainer.policy.ActionScaling;
import dev.diffsweep.trainer.policy.DiffusionPolicy;
import dev.diffsweep.trainer.policy.DiffusionSettings;
import dev.diffsweep.trainer.policy.PolicySample;
import dev.diffsweep.trainer.state.RandomStream;
import dev.diffsweep.trainer.testing.TorchManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SAC's and DiffSAC's losses on batches small enough to work out by hand. */
class SacLossesTest {
  @RegisterExtension final TorchManager torch = new TorchManager();

  @Test
  void criticTargetBootstrapsUnlessTerminated() {
    // y = r + gamma (1 - terminated) (min Qbar - alpha log pi'):
    // row 0: 1 + 0.5 * (2 - 0.1 * -1) = 2.05; row 1 (terminated): 0.
    NDArray target =
        CriticLosses.criticTarget(
            torch.column(1, 0),
            torch.column(1, 0),
            0.5,
            torch.column(2, 3),
            torch.vector(-1, 0.5f),
            0.1);
    assertThat(target.getShape()).isEqualTo(new Shape(2, 1));
    assertThat(target.toFloatArray()).containsExactly(new float[] {2.05f, 0f}, within(1e-6f));
  }

  @Test
  void criticLossIsTheSumOfBothCriticsMeanSquaredErrors() {
    // Q1 = (2, 1), Q2 = (3, -1), y = (2.05, 0):
    // MSE1 = (0.05^2 + 1^2) / 2 = 0.50125, MSE2 = (0.95^2 + 1^2) / 2 = 0.95125, sum 1.4525.
    NDArray q = torch.manager().create(new float[] {2, 1, 3, -1}, new Shape(2, 2, 1));
    NDArray loss = CriticLosses.criticLoss(q, torch.column(2.05f, 0));
    assertThat(loss.getFloat()).isCloseTo(1.4525f, within(1e-5f));
  }

  @Test
  void actorLossIsTemperatureWeightedLogDensityMinusQ() {
    // mean(0.2 * (-1, 3) - (4, -2)) = mean(-4.2, 2.6) = -0.8
    NDArray loss = SacLosses.actorLoss(torch.vector(-1, 3), torch.column(4, -2), 0.2);
    assertThat(loss.getFloat()).isCloseTo(-0.8f, within(1e-6f));
  }

  @Test
  void temperatureStepFollowsAdamOnLogAlpha() {
    // First Adam step moves log(alpha) by -lr * sign(gradient); gradient = -alpha (log pi + H).
    // log pi = 0.5, H = -1, alpha = 1: gradient = -(0.5 - 1) = 0.5 > 0 (the entropy estimate
    // -0.5 exceeds the target -1), so log(alpha) falls by lr.
    Temperature temperature = Temperature.tuned(-1, 0.01);
    temperature.update(0.5);
    assertThat(Math.log(temperature.alpha())).isCloseTo(-0.01, within(1e-9));
    Temperature fixed = Temperature.fixed(0.2);
    fixed.update(0.5);
    assertThat(fixed.alpha()).isCloseTo(0.2, within(1e-12));
  }

  @Test
  void diffSacActorLossUsesTheChainLogRatio() {
    // One diffusion step, one action dimension, f = 0: every quantity has a closed form.
    double sigma0 = 2.5;
    double stepSize = 0.4;
    double friction = 0.25;
    double eta = stepSize / friction; // sched(0) = 1
    DiffusionPolicy policy =
        new DiffusionPolicy(
            torch.manager(),
            1,
            1,
            new DiffusionSettings(
                1, sigma0, 0.17, stepSize, false, friction, false, 8, 1, 2, false),
            new ActionScaling(torch.manager(), new double[] {-2}, new double[] {2}),
            new RandomStream(1),
            DataType.FLOAT32);
    policy.parameters().array("denoiser.out.weight").muli(0f);
    policy.parameters().array("denoiser.out.bias").muli(0f);
    float[] eps = {0.3f, -1.2f, -0.7f, 0.4f}; // two rows: (eps0, eps1) each
    PolicySample sample =
        policy.sample(torch.column(0.5f, -0.5f), torch.manager().create(eps, new Shape(2, 2)));
    float[] actual = sample.logDensity().toFloatArray();
    NDArray loss = SacLosses.actorLoss(sample.logDensity(), torch.column(1.5f, -0.5f), 0.1);

    double expectedLoss = 0;
    for (int row = 0; row < 2; row++) {
      double x0 = sigma0 * eps[2 * row];
      double c = 1 - eta / (sigma0 * sigma0);
      double x1 = c * x0 + Math.sqrt(2 * eta) * eps[2 * row + 1];
      double logPrior = logNormal(x0, 0, sigma0 * sigma0);
      double logForward = logNormal(x1, c * x0, 2 * eta);
      double logBackward = logNormal(x0, c * x1, 2 * eta);
      double y = Math.tanh(x1);
      double expected = logPrior + logForward - logBackward - Math.log(2 * (1 - y * y) + 1e-6);
      assertThat((double) actual[row]).isCloseTo(expected, within(1e-4));
      expectedLoss += (0.1 * expected - (row == 0 ? 1.5 : -0.5)) / 2;
    }
    assertThat((double) loss.getFloat()).isCloseTo(expectedLoss, within(1e-4));
  }

  private static double logNormal(double x, double mean, double variance) {
    return -0.5 * Math.log(2 * Math.PI * variance) - (x - mean) * (x - mean) / (2 * variance);
  }
}
