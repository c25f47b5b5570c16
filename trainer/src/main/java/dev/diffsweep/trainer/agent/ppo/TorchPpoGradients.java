package dev.diffsweep.trainer.agent.ppo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.diffsweep.trainer.nn.AdamOptimizer;
import dev.diffsweep.trainer.nn.GradientTape;
import dev.diffsweep.trainer.nn.HostArrays;
import dev.diffsweep.trainer.nn.OrthogonalMlp;
import dev.diffsweep.trainer.nn.ParameterGroup;
import dev.diffsweep.trainer.nn.Scalars;
import dev.diffsweep.trainer.policy.AugmentedPolicy;
import dev.diffsweep.trainer.policy.GaussianKernel;

/**
 * PPO's gradients through torch's autograd ({@link PpoLosses}), into the parameters' own gradients:
 * the path of every PPO and DiffPPO run unless {@code gradients=native}, on CPU and GPU alike.
 */
record TorchPpoGradients(
    NDManager manager,
    AugmentedPolicy policy,
    OrthogonalMlp valueNetwork,
    ParameterGroup valueParameters,
    PpoSettings hp)
    implements PpoGradients {

  @Override
  public Losses compute(Minibatch m) {
    int b = m.rows();
    try (NDManager scope = manager.newSubManager()) {
      NDArray observationRows =
          HostArrays.floats(scope, m.observations(), new Shape(b, m.observationSize()));
      NDArray fromRows = HostArrays.floats(scope, m.from(), new Shape(b, m.actionSize()));
      NDArray toRows = HostArrays.floats(scope, m.to(), new Shape(b, m.actionSize()));
      NDArray stepRows = HostArrays.floats(scope, m.oneHot(), new Shape(b, m.chainSteps()));
      // The value network's input holds no parameter, so it is computed outside the tape.
      NDArray features = policy.features(observationRows, fromRows, stepRows);
      try (GradientTape tape = GradientTape.open()) {
        GaussianKernel kernel = policy.kernel(observationRows, fromRows, stepRows);
        NDArray policyObjective =
            PpoLosses.policyLoss(
                kernel.logDensity(toRows),
                HostArrays.floats(scope, m.oldLogDensities()),
                HostArrays.floats(scope, m.advantages()),
                hp.clipCoef());
        NDArray valueObjective =
            PpoLosses.valueLoss(
                valueNetwork.forward(features).reshape(b),
                HostArrays.floats(scope, m.oldValues()),
                HostArrays.floats(scope, m.returns()),
                hp.clipCoef(),
                hp.clipVloss());
        NDArray loss = policyObjective.add(Scalars.multiply(valueObjective, hp.vfCoef()));
        if (hp.entCoef() > 0) {
          loss = loss.sub(Scalars.multiply(kernel.entropy().mean(), hp.entCoef()));
        }
        tape.backward(loss);
        return new Losses(policyObjective.getFloat(), valueObjective.getFloat());
      }
    }
  }

  @Override
  public double squaredNorm() {
    return policy.parameters().gradientSquaredNorm() + valueParameters.gradientSquaredNorm();
  }

  @Override
  public void step(AdamOptimizer policy, AdamOptimizer value, double learningRate, double scale) {
    policy.step(learningRate, scale);
    value.step(learningRate, scale);
  }
}
