package dev.diffsweep.trainer.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.diffsweep.trainer.env.TaskSpec;
import dev.diffsweep.trainer.nn.ParameterGroup;
import dev.diffsweep.trainer.nn.Scalars;
import dev.diffsweep.trainer.state.RandomStream;
import java.util.List;

/**
 * The diffusion chain as K steps of the augmented MDP (docs/ALGORITHMS.md, sections 6.1 and 8.1):
 * x_0 ~ N(0, sigma0^2 I), each step one forward kernel of {@link DiffusionPolicy}, the action
 * tanh(x_K) rescaled. Value and critic networks see [s, x_k, Fourier features of k/K].
 */
public final class DiffusionStepPolicy implements AugmentedPolicy {
  private final DiffusionPolicy chain;
  private final ActionScaling scaling;
  private final int observationSize;
  private final int actionSize;

  /**
   * The chain at {@code settings} over the task's sizes and actuator range (DiffPPO's, DiffWPO's).
   */
  public static DiffusionStepPolicy create(
      NDManager manager, TaskSpec task, DiffusionSettings settings, RandomStream random) {
    ActionScaling scaling = ActionScaling.of(manager, task);
    DiffusionPolicy chain = DiffusionPolicy.forTask(manager, task, settings, scaling, random);
    return new DiffusionStepPolicy(chain, scaling, task.observationSize(), task.actionSize());
  }

  public DiffusionStepPolicy(
      DiffusionPolicy chain, ActionScaling scaling, int observationSize, int actionSize) {
    this.chain = chain;
    this.scaling = scaling;
    this.observationSize = observationSize;
    this.actionSize = actionSize;
  }

  @Override
  public int diffusionSteps() {
    return chain.settings().diffusionSteps();
  }

  @Override
  public int actionSize() {
    return actionSize;
  }

  @Override
  public int featureSize() {
    return observationSize + actionSize + chain.settings().timeFeatures();
  }

  @Override
  public NDArray features(NDArray observations, NDArray states, NDArray stepOneHot) {
    return NDArrays.concat(new NDList(observations, states, chain.stepFeatures(stepOneHot)), 1);
  }

  @Override
  public GaussianKernel kernel(NDArray observations, NDArray states, NDArray stepOneHot) {
    return chain.kernel(observations, states, stepOneHot);
  }

  @Override
  public NDArray initialState(NDArray noise) {
    return Scalars.multiply(noise, chain.settings().sigma0());
  }

  @Override
  public List<NDArray> sampleChain(NDArray observations, NDArray noise) {
    return chain.run(observations, noise, true).states();
  }

  @Override
  public NDArray toAction(NDArray last) {
    return scaling.toActuatorRange(last.tanh());
  }

  /**
   * tanh(x_{k+1}): on the last step exactly the env's (unscaled) action, so dQ/dx_K vanishes where
   * tanh saturates instead of extrapolating there; a bijection, so earlier steps lose nothing.
   */
  @Override
  public NDArray criticInput(NDArray next) {
    return next.tanh();
  }

  @Override
  public NDArray deterministicAction(NDArray observations) {
    return chain.deterministicAction(observations);
  }

  @Override
  public ParameterGroup parameters() {
    return chain.parameters();
  }
}
