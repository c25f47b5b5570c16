package dev.diffsweep.trainer.agent;

import dev.diffsweep.trainer.policy.DiffusionSettings;

/**
 * The diffusion chain's hyperparameters (docs/ALGORITHMS.md, sections 2.1 to 2.3), shared by
 * DiffSAC, DiffWPO and DiffPPO. The denoiser's width is not here: DiffSAC and DiffWPO give it
 * hidden_size (the critics' width too), DiffPPO its own denoiser_hidden.
 *
 * @param diffusionSteps K, denoising steps per action
 * @param sigma0 standard deviation of the prior N(0, sigma0^2 I) (1 for the off-policy variants,
 *     whose critic sees tanh(x_K); see {@link
 *     dev.diffsweep.trainer.agent.sac.DiffSacHyperparameters})
 * @param minFrac step-size schedule at the last step, relative to the first
 * @param stepSize softplus(delta) at initialisation; eta_k = softplus(delta_k) sched(k) / friction
 * @param learnStepSizes train one delta per step; trained eta_k are clamped to [1e-4, sigma0^2]
 * @param friction friction per action dimension
 * @param learnFriction train the friction per action dimension
 */
public record ChainSettings(
    @Default("8") int diffusionSteps,
    @Default("1") double sigma0,
    @Default("0.17") double minFrac,
    @Default("0.1") double stepSize,
    @Default("false") boolean learnStepSizes,
    @Default("0.25") double friction,
    @Default("false") boolean learnFriction) {

  /**
   * The policy's view: this chain with a denoiser of {@code hidden} units.
   *
   * @throws IllegalArgumentException naming the key of the first invalid value
   */
  public DiffusionSettings with(int hidden, DenoiserSettings denoiser) {
    return new DiffusionSettings(
        diffusionSteps,
        sigma0,
        minFrac,
        stepSize,
        learnStepSizes,
        friction,
        learnFriction,
        hidden,
        denoiser.denoiserLayers(),
        denoiser.timeFeatures(),
        denoiser.lastStepDenoiser());
  }
}
