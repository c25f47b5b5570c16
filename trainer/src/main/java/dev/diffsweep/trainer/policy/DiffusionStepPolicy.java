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
   * tanh(x_{k+1}) when the step sizes are fixed; with learned step sizes, tanh(x_K) at the last
   * step and x_{k+1} itself before it (docs/ALGORITHMS.md, section 8.1).
   *
   * <p>At the last step tanh(x_K) is exactly the env's (unscaled) action, so dQ/dx_K vanishes where
   * tanh saturates instead of extrapolating there. Before it, the value of a sample depends on the
   * sample itself: the rest of the chain starts from it and its backward terms grow with its size,
   * which tanh hides (it rounds to 1 past |x| = 9 in float32 and is nearly flat well before). With
   * fixed step sizes every step decays x towards the prior (c_k >= 0.6), so the chain's samples
   * stay small either way, and a ReLU critic on the raw samples extrapolates and drives them
   * outwards. Learned step sizes can reach sigma0^2, where that decay vanishes; a critic on tanh
   * then cannot see what holds the samples back, and they ran away.
   */
  @Override
  public NDArray criticInput(NDArray next, NDArray stepOneHot) {
    NDArray squashed = next.tanh();
    if (!chain.settings().stepSizesLearned()) {
      return squashed;
    }
    long steps = stepOneHot.getShape().get(1);
    NDArray last = stepOneHot.get(":, " + (steps - 1) + ":");
    return squashed.sub(next).mul(last).add(next);
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
