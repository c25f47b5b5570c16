package dev.diffsweep.trainer.agent;

import ai.djl.ndarray.NDManager;
import dev.diffsweep.trainer.env.TaskSpec;
import dev.diffsweep.trainer.policy.AugmentedPolicy;
import dev.diffsweep.trainer.policy.GaussianStepPolicy;
import dev.diffsweep.trainer.state.RandomStream;

/**
 * Builds an agent's policy on its manager: the one place a base algorithm and its diffusion variant
 * differ (SAC's tanh-Gaussian actor or DiffSAC's chain; PPO's and WPO's one-step Gaussian or the
 * chain's step kernel).
 *
 * @param <P> the kind of policy the agent trains
 */
@FunctionalInterface
public interface PolicyFactory<P> {
  P create(NDManager manager, TaskSpec spec, RandomStream random);

  /** PPO's and WPO's one-step Gaussian actor with the given settings. */
  static PolicyFactory<AugmentedPolicy> gaussianStep(GaussianStepPolicy.Settings settings) {
    return (manager, task, random) -> new GaussianStepPolicy(manager, task, settings, random);
  }
}
