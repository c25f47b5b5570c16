package dev.diffsweep.trainer.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import dev.diffsweep.trainer.nn.DenseLayer;
import dev.diffsweep.trainer.nn.Mlp;
import dev.diffsweep.trainer.nn.ParameterGroup;
import dev.diffsweep.trainer.nn.Scalars;
import dev.diffsweep.trainer.state.RandomStream;

/**
 * SAC's actor as in CleanRL: an MLP obs -> h -> h, heads for the mean and log sigma of a Gaussian
 * over x, log sigma squashed into [logStdMin, logStdMax] by tanh, action a = tanh(x) rescaled. log
 * pi(a|s) = log N(x; mu, sigma) - sum log(scale (1 - tanh(x)^2) + 1e-6).
 */
public final class TanhGaussianPolicy implements SquashedPolicy {
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  private final ParameterGroup parameters;
  private final Mlp trunk;
  private final DenseLayer head;
  private final ActionScaling scaling;
  private final int actionSize;
  private final float logStdMin;
  private final float logStdMax;

  public TanhGaussianPolicy(
      NDManager manager,
      int observationSize,
      int actionSize,
      int hidden,
      double logStdMin,
      double logStdMax,
      ActionScaling scaling,
      RandomStream random) {
    this.parameters = new ParameterGroup(manager);
    this.trunk = new Mlp(parameters, "actor.trunk", random, observationSize, hidden, hidden);
    // One layer for both heads (mean rows first): the same initialisation and mathematics as
    // CleanRL's fc_mean and fc_logstd, one native call instead of two.
    this.head = new DenseLayer(parameters, "actor.head", hidden, 2 * actionSize, random);
    this.scaling = scaling;
    this.actionSize = actionSize;
    this.logStdMin = (float) logStdMin;
    this.logStdMax = (float) logStdMax;
  }

  @Override
  public int noiseWidth() {
    return actionSize;
  }

  @Override
  public PolicySample sample(NDArray observations, NDArray noise) {
    NDList heads = heads(observations);
    NDArray mean = heads.get(0);
    NDArray logStd =
        Scalars.multiply(heads.get(1).tanh().add(1f), 0.5 * (logStdMax - logStdMin)).add(logStdMin);
    NDArray x = mean.add(logStd.exp().mul(noise));
    NDArray squashed = x.tanh();
    // log N(x; mu, sigma) with x - mu = sigma * noise exactly: -noise^2/2 - log sigma - log(2pi)/2.
    NDArray gaussian =
        Scalars.multiply(noise.square(), -0.5)
            .sub(logStd)
            .sum(new int[] {1})
            .sub(actionSize * HALF_LOG_TWO_PI);
    NDArray logDensity = gaussian.sub(scaling.logJacobian(squashed));
    return new PolicySample(squashed, scaling.toActuatorRange(squashed), logDensity);
  }

  @Override
  public NDArray deterministicAction(NDArray observations) {
    return scaling.toActuatorRange(heads(observations).get(0).tanh());
  }

  private NDList heads(NDArray observations) {
    NDArray hidden = Activation.relu(trunk.forward(observations));
    return head.forward(hidden).split(2, 1);
  }

  @Override
  public ParameterGroup parameters() {
    return parameters;
  }
}
