package dev.diffsweep.trainer.agent;

/**
 * PPO's hyperparameters; the defaults are CleanRL's ppo_continuous_action.py.
 *
 * @param ppo the rollout, update, networks and normalisation DiffPPO shares ({@link PpoSettings})
 * @param logStdInit initial log sigma of the Gaussian
 */
public record PpoHyperparameters(PpoSettings ppo, @Default("0") double logStdInit) {

  public static PpoHyperparameters defaults() {
    return Hyperparameters.defaults(PpoHyperparameters.class);
  }
}
