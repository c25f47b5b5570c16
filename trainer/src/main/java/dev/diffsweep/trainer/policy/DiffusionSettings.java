package dev.diffsweep.trainer.policy;

/**
 * The diffusion chain's shape (docs/ALGORITHMS.md, sections 2.1, 2.2 and 2.3).
 *
 * @param diffusionSteps K, the number of denoising steps (the key diffusion_steps)
 * @param sigma0 standard deviation of the prior N(0, sigma0^2 I)
 * @param minFrac the linear step-size schedule's value at the last step (1 at the first)
 * @param stepSize softplus(delta) at initialisation: eta_k = softplus(delta_k) sched(k) / friction
 * @param learnStepSizes whether delta_k (one per step) is trained; with this or learnFriction,
 *     eta_k is clamped to [1e-4, sigma0^2] (see DiffusionPolicy)
 * @param friction the friction per action dimension at initialisation
 * @param learnFriction whether the friction (one per action dimension) is trained
 * @param hidden width of the denoiser f_theta
 * @param hiddenLayers hidden layers of f_theta (2 to 4)
 * @param timeFeatures Fourier features of k/K fed to f_theta (sines and cosines, even)
 * @param lastStepDenoiser whether the last step has a denoiser of its own (the steps before it
 *     share the other); needs K >= 2
 */
public record DiffusionSettings(
    int diffusionSteps,
    double sigma0,
    double minFrac,
    double stepSize,
    boolean learnStepSizes,
    double friction,
    boolean learnFriction,
    int hidden,
    int hiddenLayers,
    int timeFeatures,
    boolean lastStepDenoiser) {

  public DiffusionSettings {
    require(diffusionSteps >= 1, "diffusion_steps must be >= 1, got " + diffusionSteps);
    require(sigma0 > 0, "sigma0 must be > 0, got " + sigma0);
    require(minFrac > 0 && minFrac <= 1, "min_frac must be in (0, 1], got " + minFrac);
    require(stepSize > 0, "step_size must be > 0, got " + stepSize);
    require(friction > 0, "friction must be > 0, got " + friction);
    require(hidden > 0, "hidden size must be > 0, got " + hidden);
    require(
        hiddenLayers >= 1 && hiddenLayers <= 4,
        "denoiser_layers must be in 1..4, got " + hiddenLayers);
    require(
        timeFeatures >= 2 && timeFeatures % 2 == 0,
        "time_features must be even and >= 2, got " + timeFeatures);
    require(
        !lastStepDenoiser || diffusionSteps >= 2,
        "last_step_denoiser needs diffusion_steps >= 2 (with one step there is only the last)");
  }

  /** Whether eta_k is trained, through delta_k or the friction (then it is clamped). */
  public boolean stepSizesLearned() {
    return learnStepSizes || learnFriction;
  }

  /** sched(k): 1 at k = 0 falling linearly to minFrac at k = K - 1. */
  public double schedule(int k) {
    return diffusionSteps == 1 ? 1.0 : 1.0 - (1.0 - minFrac) * k / (diffusionSteps - 1);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
