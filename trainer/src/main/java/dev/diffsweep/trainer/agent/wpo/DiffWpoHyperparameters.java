package dev.diffsweep.trainer.agent.wpo;

import dev.diffsweep.trainer.agent.Defaults;
import dev.diffsweep.trainer.agent.DiffusionCriticSettings;
import dev.diffsweep.trainer.agent.Hyperparameters;
import dev.diffsweep.trainer.agent.offpolicy.OffPolicySettings;
import dev.diffsweep.trainer.agent.sac.DiffSacHyperparameters;

/**
 * DiffWPO's hyperparameters: WPO's off-policy machinery (SAC's CleanRL defaults), the temperature
 * of the per-step soft terms, and the diffusion chain's (docs/ALGORITHMS.md, sections 2 and 8). The
 * prior scale is 1, as DiffSAC's and for the same reason ({@link DiffSacHyperparameters};
 * docs/ALGORITHMS.md, section 10.1): the critic sees tanh(x_K), whose gradient vanishes for the 42%
 * of an untrained chain's samples beyond |x| = 2 under sigma0 = 2.5.
 *
 * @param offPolicy replay, critics, schedule and temperature ({@link OffPolicySettings}): policy_lr
 *     is SAC's 3e-4 (WPO's own default is lower, see {@link WpoHyperparameters}); alpha, the
 *     temperature of the soft terms -alpha l_k when not tuned, is 0.05 (with 0.01 a chain could
 *     collapse onto tanh's saturated tails right after learning started; 0.05 keeps enough spread
 *     in the chain; docs/ALGORITHMS.md, section 10.4); autotune (towards the target entropy -d on
 *     the chain log-ratio, as DiffSAC does) is off
 * @param actor the actor step's natural gradient and KL bound ({@link WpoActorSettings})
 * @param networks the critics' and denoiser's width, the diffusion chain (sigma0 is 1, see above)
 *     and the denoiser ({@link DiffusionCriticSettings})
 */
public record DiffWpoHyperparameters(
    @Defaults({"alpha=0.05", "autotune=false"}) OffPolicySettings offPolicy,
    WpoActorSettings actor,
    DiffusionCriticSettings networks) {
  private static final WpoHyperparameters WPO_DEFAULTS = WpoHyperparameters.defaults();

  public static DiffWpoHyperparameters defaults() {
    return Hyperparameters.defaults(DiffWpoHyperparameters.class);
  }

  public DiffWpoHyperparameters {
    // Constructing both views validates every field with the key's name in the message.
    wpo(offPolicy, actor, networks.hiddenSize());
    networks.diffusion();
  }

  /** The WPO machinery's settings (the Gaussian's log-sigma settings do not apply). */
  public WpoHyperparameters wpo() {
    return wpo(offPolicy, actor, networks.hiddenSize());
  }

  private static WpoHyperparameters wpo(
      OffPolicySettings offPolicy, WpoActorSettings actor, int hiddenSize) {
    return new WpoHyperparameters(
        offPolicy,
        actor,
        hiddenSize,
        WPO_DEFAULTS.logStdInit(),
        WPO_DEFAULTS.logStdMin(),
        WPO_DEFAULTS.logStdMax());
  }
}
