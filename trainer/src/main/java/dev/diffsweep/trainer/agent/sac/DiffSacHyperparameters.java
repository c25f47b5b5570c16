package dev.diffsweep.trainer.agent.sac;

import dev.diffsweep.trainer.agent.Checks;
import dev.diffsweep.trainer.agent.Default;
import dev.diffsweep.trainer.agent.DiffusionCriticSettings;
import dev.diffsweep.trainer.agent.Hyperparameters;
import dev.diffsweep.trainer.agent.Positive;
import dev.diffsweep.trainer.agent.offpolicy.OffPolicySettings;

/**
 * DiffSAC's hyperparameters: SAC's (CleanRL's defaults) plus the diffusion chain's
 * (docs/ALGORITHMS.md, section 2).
 *
 * <p>The prior scale is 1, not the 2.5 of the paper and of the authors' code (DiffusionModel's
 * init_std; docs/ALGORITHMS.md, section 10.1). The action is tanh(x_K), and the untrained chain is
 * the prior's Langevin dynamics, so x_K starts distributed as the prior. With sigma0 = 2.5, 42% of
 * those samples have |x_K| > 2, where tanh' < 0.071: the critic's gradient reaches the chain
 * attenuated more than 14-fold for nearly half the batch. The authors' runs are 1M steps long,
 * where that start is amortised; the learning test (docs/ALGORITHMS.md, section 11.2) gives DiffSAC
 * SAC's 15 000 steps, and SAC's initial tanh-Gaussian (log sigma at the middle of [-5, 2], sigma
 * 0.22) has no saturated mass at all. sigma0 = 1 leaves 4.6% beyond |x| = 2 while keeping a broad
 * prior for exploration. The chain's mathematics is unchanged: sigma0 enters the drift, the
 * backward kernel and log p_0 alike. Measured on InvertedPendulum-v4, 15 000 steps:
 * docs/EXPERIMENTS.md, 2026-11-25.
 *
 * @param offPolicy SAC's replay, critics, schedule and temperature ({@link OffPolicySettings})
 * @param entTargetMult multiplier of the target entropy -d
 * @param networks the critics' and denoiser's width, the diffusion chain (sigma0 is 1, see above)
 *     and the denoiser ({@link DiffusionCriticSettings})
 */
public record DiffSacHyperparameters(
    OffPolicySettings offPolicy,
    @Default("1") @Positive double entTargetMult,
    DiffusionCriticSettings networks) {
  private static final SacHyperparameters SAC_DEFAULTS = SacHyperparameters.defaults();

  public static DiffSacHyperparameters defaults() {
    return Hyperparameters.defaults(DiffSacHyperparameters.class);
  }

  public DiffSacHyperparameters {
    Checks.components(DiffSacHyperparameters.class, offPolicy, entTargetMult, networks);
    // Constructing both views validates every field with the key's name in the message.
    sac(offPolicy, networks.hiddenSize());
    networks.diffusion();
  }

  /** The SAC machinery's settings (the log-sigma bounds do not apply to a chain). */
  public SacHyperparameters sac() {
    return sac(offPolicy, networks.hiddenSize());
  }

  private static SacHyperparameters sac(OffPolicySettings offPolicy, int hiddenSize) {
    return new SacHyperparameters(
        offPolicy, hiddenSize, SAC_DEFAULTS.logStdMin(), SAC_DEFAULTS.logStdMax());
  }
}
