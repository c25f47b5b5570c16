package dev.diffsweep.trainer.agent.sac;

import dev.diffsweep.trainer.agent.Checks;
import dev.diffsweep.trainer.agent.Default;
import dev.diffsweep.trainer.agent.Hyperparameters;
import dev.diffsweep.trainer.agent.Positive;
import dev.diffsweep.trainer.agent.offpolicy.OffPolicySettings;

/**
 * SAC's hyperparameters; the defaults are CleanRL's sac_continuous_action.py.
 *
 * @param offPolicy replay, critics, schedule and temperature ({@link OffPolicySettings})
 * @param hiddenSize width of the actor's and critics' two hidden layers
 * @param logStdMin lower bound of the actor's log sigma
 * @param logStdMax upper bound of the actor's log sigma
 */
public record SacHyperparameters(
    OffPolicySettings offPolicy,
    @Default("256") @Positive int hiddenSize,
    @Default("-5") double logStdMin,
    @Default("2") double logStdMax) {

  public static SacHyperparameters defaults() {
    return Hyperparameters.defaults(SacHyperparameters.class);
  }

  public SacHyperparameters {
    Checks.positive("alpha", offPolicy.alpha());
    Checks.components(SacHyperparameters.class, offPolicy, hiddenSize, logStdMin, logStdMax);
    if (!(logStdMin < logStdMax)) {
      throw new IllegalArgumentException(
          "log_std_min must be below log_std_max, got " + logStdMin + " and " + logStdMax);
    }
  }
}
