package dev.diffsweep.trainer.agent;

/**
 * The denoiser f_theta's shape apart from its width (docs/ALGORITHMS.md, section 2.3).
 *
 * @param denoiserLayers hidden layers of f_theta (1 to 4)
 * @param timeFeatures Fourier features of k/K fed to f_theta (sines and cosines, even)
 * @param lastStepDenoiser give the chain's last step a denoiser of its own, the steps before it
 *     sharing the other (docs/ALGORITHMS.md, section 2.3); needs diffusion_steps >= 2
 */
public record DenoiserSettings(
    @Default("2") int denoiserLayers,
    @Default("16") int timeFeatures,
    @Default("false") @EarlierRunsDefault boolean lastStepDenoiser) {}
