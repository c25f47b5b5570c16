package dev.diffsweep.trainer.agent.ppo;

import dev.diffsweep.trainer.agent.ChainSettings;
import dev.diffsweep.trainer.agent.Checks;
import dev.diffsweep.trainer.agent.Default;
import dev.diffsweep.trainer.agent.Defaults;
import dev.diffsweep.trainer.agent.DenoiserSettings;
import dev.diffsweep.trainer.agent.Hyperparameters;
import dev.diffsweep.trainer.agent.InRange;
import dev.diffsweep.trainer.agent.NonNegative;
import dev.diffsweep.trainer.agent.Positive;
import dev.diffsweep.trainer.agent.Temperature;
import dev.diffsweep.trainer.policy.DiffusionSettings;

/**
 * DiffPPO's hyperparameters: PPO's machinery (CleanRL's defaults; hidden_size is the value
 * network's, see {@link PpoSettings}), the augmented MDP's (alpha, chain_gae_lambda) and the
 * diffusion chain's (docs/ALGORITHMS.md, section 2). The chain learns its step sizes, as the
 * authors' does, from the prior scale sigma0 = 1: with fixed step sizes the last step's noise
 * (sqrt(2 eta_{K-1}) = 0.37 per action dimension) is a floor the policy cannot anneal below, and
 * the paper's sigma0 = 2.5 starts the chain saturated in tanh (docs/ALGORITHMS.md, sections 6.5 and
 * 10.1).
 *
 * @param ppo rollout, update, value network and normalisation ({@link PpoSettings})
 * @param alpha temperature of the soft rewards -alpha l_k, or the tuned temperature's starting
 *     value
 * @param autotune tune alpha towards the target entropy -d * ent_target_mult (docs/ALGORITHMS.md,
 *     section 9): one Adam step on log alpha per minibatch, on SAC's loss with the chain log-ratio
 *     sum_k l_k that the minibatch's rows recorded when they acted (K times their mean l_k); the
 *     rollout's soft rewards take the alpha of the iteration's start
 * @param entTargetMult multiplier of the target entropy -d
 * @param alphaLr Adam learning rate of log alpha (SAC's q_lr)
 * @param chainGaeLambda GAE trace inside the chain, where the discount is 1 (1: a chain step's
 *     advantage sees the whole rest of its chain)
 * @param chain the diffusion chain ({@link ChainSettings})
 * @param denoiserHidden width of the denoiser f_theta
 * @param denoiser the denoiser's depth and time features
 */
public record DiffPpoHyperparameters(
    PpoSettings ppo,
    @Default("0.01") @NonNegative double alpha,
    @Default("false") boolean autotune,
    @Default("1") @Positive double entTargetMult,
    @Default("1e-3") @Positive double alphaLr,
    @Default("1") @InRange(min = 0, max = 1) double chainGaeLambda,
    @Defaults({"sigma0=1", "learn_step_sizes=true"}) ChainSettings chain,
    @Default("256") int denoiserHidden,
    DenoiserSettings denoiser) {

  public static DiffPpoHyperparameters defaults() {
    return Hyperparameters.defaults(DiffPpoHyperparameters.class);
  }

  public DiffPpoHyperparameters {
    if (autotune && alpha == 0) {
      throw new IllegalArgumentException(
          "autotune needs a positive alpha to start from (log alpha is what is tuned), got 0");
    }
    Checks.components(
        DiffPpoHyperparameters.class,
        ppo,
        alpha,
        autotune,
        entTargetMult,
        alphaLr,
        chainGaeLambda,
        chain,
        denoiserHidden,
        denoiser);
    chain.with(denoiserHidden, denoiser);
  }

  /** The temperature of the soft rewards for a task with {@code actionSize} actuators. */
  public Temperature temperature(int actionSize) {
    return autotune
        ? Temperature.tuned(alpha, -actionSize * entTargetMult, alphaLr)
        : Temperature.fixed(alpha);
  }

  public DiffusionSettings diffusion() {
    return chain.with(denoiserHidden, denoiser);
  }
}
