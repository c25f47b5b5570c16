package dev.diffsweep.trainer.agent.ppo;

import dev.diffsweep.trainer.agent.Default;
import dev.diffsweep.trainer.agent.Hyperparameters;
import dev.diffsweep.trainer.agent.ImplementationChoice;

/**
 * PPO's hyperparameters; the defaults are CleanRL's ppo_continuous_action.py.
 *
 * @param ppo the rollout, update, networks and normalisation DiffPPO shares ({@link PpoSettings})
 * @param logStdInit initial log sigma of the Gaussian
 * @param gradients how a minibatch's gradients are computed: {@code torch} (autograd, the default
 *     on every machine) or {@code native} (one call of ppo_gradients.c; CPU with AVX2 and FMA only,
 *     refused elsewhere). Different float round-off, so a run resumes only on the path it started
 *     on ({@link PpoGradients})
 */
public record PpoHyperparameters(
    PpoSettings ppo,
    @Default("0") double logStdInit,
    @Default("torch") @ImplementationChoice String gradients) {

  public static PpoHyperparameters defaults() {
    return Hyperparameters.defaults(PpoHyperparameters.class);
  }

  public PpoHyperparameters {
    PpoGradients.Path.of("gradients", gradients);
  }

  PpoGradients.Path gradientPath() {
    return PpoGradients.Path.of("gradients", gradients);
  }
}
