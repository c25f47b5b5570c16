package dev.diffsweep.trainer.agent;

import dev.diffsweep.trainer.policy.DiffusionSettings;

/**
 * The networks of an off-policy diffusion variant (DiffSAC, DiffWPO): one width for the critics and
 * the denoiser, the diffusion chain and the denoiser's shape. The variant validates them, with its
 * base algorithm's checks first ({@link #diffusion} names the key of a wrong chain value).
 *
 * @param hiddenSize width of the critics' two hidden layers and of the denoiser
 * @param chain the diffusion chain ({@link ChainSettings}; sigma0 is 1, see {@link
 *     dev.diffsweep.trainer.agent.sac.DiffSacHyperparameters})
 * @param denoiser the denoiser's depth and time features
 */
public record DiffusionCriticSettings(
    @Default("256") int hiddenSize, ChainSettings chain, DenoiserSettings denoiser) {

  /**
   * The policy's view: the chain with a denoiser of hidden_size units.
   *
   * @throws IllegalArgumentException naming the key of the first invalid value
   */
  public DiffusionSettings diffusion() {
    return chain.with(hiddenSize, denoiser);
  }
}
