package dev.diffsweep.trainer.agent.wpo;

import dev.diffsweep.trainer.agent.Checks;
import dev.diffsweep.trainer.agent.Default;
import dev.diffsweep.trainer.agent.Defaults;
import dev.diffsweep.trainer.agent.Hyperparameters;
import dev.diffsweep.trainer.agent.Positive;
import dev.diffsweep.trainer.agent.offpolicy.OffPolicySettings;

/**
 * WPO's hyperparameters. The off-policy machinery (replay, twin critics, targets, schedules) takes
 * SAC's CleanRL defaults (docs/ALGORITHMS.md, sections 1.3 and 7.2).
 *
 * @param offPolicy replay, critics, schedule and temperature ({@link OffPolicySettings}), with
 *     WPO's own defaults: policy_lr 1e-4, a third of SAC's (with 3e-4 the deterministic policy
 *     tanh(mu) of a seed fell away late in training while the stochastic one kept the maximal
 *     return; docs/ALGORITHMS.md, section 10.6); alpha 0, plain WPO, as the entropy temperature of
 *     the regularised flow and the soft critic target when not tuned; autotune true, as SAC: with
 *     alpha = 0 the Wasserstein flow of -Q shrinks sigma wherever Q is concave in the action, so
 *     exploration stops, and the entropy term's flow alpha d log pi/da pushes sigma back out
 * @param actor the actor step's natural gradient and KL bound ({@link WpoActorSettings})
 * @param hiddenSize width of the actor's and critics' two ReLU hidden layers
 * @param logStdInit initial log sigma of the Gaussian
 * @param logStdMin lower bound of log sigma
 * @param logStdMax upper bound of log sigma
 */
public record WpoHyperparameters(
    @Defaults({"policy_lr=1e-4", "alpha=0"}) OffPolicySettings offPolicy,
    WpoActorSettings actor,
    @Default("256") @Positive int hiddenSize,
    @Default("0") double logStdInit,
    @Default("-5") double logStdMin,
    @Default("2") double logStdMax) {

  public static WpoHyperparameters defaults() {
    return Hyperparameters.defaults(WpoHyperparameters.class);
  }

  public WpoHyperparameters {
    Checks.nonNegative("alpha", offPolicy.alpha());
    Checks.components(
        WpoHyperparameters.class, offPolicy, actor, hiddenSize, logStdInit, logStdMin, logStdMax);
    if (!(logStdMin < logStdMax) || logStdInit < logStdMin || logStdInit > logStdMax) {
      throw new IllegalArgumentException(
          "need log_std_min <= log_std_init <= log_std_max with min < max, got "
              + logStdMin
              + ", "
              + logStdInit
              + ", "
              + logStdMax);
    }
  }
}
