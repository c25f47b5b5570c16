package dev.diffsweep.trainer.policy;

import ai.djl.ndarray.NDArray;
import dev.diffsweep.trainer.nn.ParameterGroup;
import java.util.List;

/**
 * A policy seen as K steps of the diffusion-augmented MDP (docs/ALGORITHMS.md, sections 2.7 and
 * 6.1): augmented state (s, x_k, k), action x_{k+1}, kernel F(x_{k+1} | x_k, s, k); the environment
 * acts on x_K. The diffusion chain is the K-step case; a Gaussian policy is the K = 1 case (x_0
 * unused, x_1 the Gaussian sample). PPO/DiffPPO and WPO/DiffWPO are each one agent over this
 * interface.
 *
 * <p>Steps are given as one-hot rows [B, K] so that a batch may mix steps.
 */
public interface AugmentedPolicy {

  /** K, the augmented steps per environment step. */
  int diffusionSteps();

  int actionSize();

  /** Width of {@link #features}: what value and critic networks see of an augmented state. */
  int featureSize();

  /** The augmented state (s, x_k, k) as network input, [B, featureSize]; no parameters. */
  NDArray features(NDArray observations, NDArray states, NDArray stepOneHot);

  /** F(. | x_k, s, k) for every row. */
  GaussianKernel kernel(NDArray observations, NDArray states, NDArray stepOneHot);

  /** x_0 from standard-normal noise [B, d] (the prior p_0; zeros for a Gaussian policy). */
  NDArray initialState(NDArray noise);

  /**
   * The whole chain x_0 .. x_K (K + 1 arrays [B, d]) from noise [B, (K + 1) d], without recording
   * gradients.
   */
  List<NDArray> sampleChain(NDArray observations, NDArray noise);

  /** The environment action for the last chain sample x_K, in the actuator range. */
  NDArray toAction(NDArray last);

  /**
   * What an off-policy critic sees of the sample y = x_{k+1} of each row's step k (one-hot [B, K]):
   * y itself unless the policy squashes the env's action (then, at the last step, the squashed
   * value, so the critic is flat where the env's action is).
   */
  default NDArray criticInput(NDArray next, NDArray stepOneHot) {
    return next;
  }

  /** The deterministic (zero-noise) action, in the actuator range. */
  NDArray deterministicAction(NDArray observations);

  ParameterGroup parameters();
}
