package dev.diffsweep.trainer.agent;

import dev.diffsweep.trainer.policy.DiffusionSettings;

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
 * @param bufferSize replay capacity (1e6)
 * @param gamma discount (0.99)
 * @param tau Polyak rate of the target critics (0.005)
 * @param batchSize minibatch size (256)
 * @param learningStarts env steps of uniform-random actions before training (5000)
 * @param policyLr chain (actor) Adam learning rate (3e-4)
 * @param qLr critic and temperature Adam learning rate (1e-3)
 * @param policyFrequency actor updates happen every this many steps, this many at a time (2)
 * @param targetNetworkFrequency Polyak updates every this many steps (1)
 * @param alpha the entropy temperature when not tuned (0.2)
 * @param autotune tune alpha towards the target entropy -d * ent_target_mult (true)
 * @param entTargetMult multiplier of the target entropy -d (1)
 * @param hiddenSize width of the critics' two hidden layers and of the denoiser (256)
 * @param diffusionSteps K, denoising steps per action (8)
 * @param sigma0 standard deviation of the prior N(0, sigma0^2 I) (1; see above)
 * @param minFrac step-size schedule at the last step, relative to the first (0.17)
 * @param stepSize softplus(delta) at initialisation; eta_k = softplus(delta_k) sched(k) / friction
 *     (0.1)
 * @param learnStepSizes train one delta per step (false); trained eta_k are clamped to [1e-4,
 *     sigma0^2]
 * @param friction friction per action dimension (0.25)
 * @param learnFriction train the friction per action dimension (false)
 * @param denoiserLayers hidden layers of the denoiser f_theta (2)
 * @param timeFeatures Fourier features of k/K fed to the denoiser (16)
 */
public record DiffSacHyperparameters(
    int bufferSize,
    double gamma,
    double tau,
    int batchSize,
    int learningStarts,
    double policyLr,
    double qLr,
    int policyFrequency,
    int targetNetworkFrequency,
    double alpha,
    boolean autotune,
    double entTargetMult,
    int hiddenSize,
    int diffusionSteps,
    double sigma0,
    double minFrac,
    double stepSize,
    boolean learnStepSizes,
    double friction,
    boolean learnFriction,
    int denoiserLayers,
    int timeFeatures) {

  public static DiffSacHyperparameters defaults() {
    SacHyperparameters sac = SacHyperparameters.defaults();
    return new DiffSacHyperparameters(
        sac.bufferSize(),
        sac.gamma(),
        sac.tau(),
        sac.batchSize(),
        sac.learningStarts(),
        sac.policyLr(),
        sac.qLr(),
        sac.policyFrequency(),
        sac.targetNetworkFrequency(),
        sac.alpha(),
        sac.autotune(),
        1.0,
        sac.hiddenSize(),
        8,
        1.0,
        0.17,
        0.1,
        false,
        0.25,
        false,
        2,
        16);
  }

  public DiffSacHyperparameters {
    Checks.positive("ent_target_mult", entTargetMult);
    // Constructing both views validates every field with the key's name in the message.
    sacPart(
        bufferSize,
        gamma,
        tau,
        batchSize,
        learningStarts,
        policyLr,
        qLr,
        policyFrequency,
        targetNetworkFrequency,
        alpha,
        autotune,
        hiddenSize);
    new DiffusionSettings(
        diffusionSteps,
        sigma0,
        minFrac,
        stepSize,
        learnStepSizes,
        friction,
        learnFriction,
        hiddenSize,
        denoiserLayers,
        timeFeatures);
  }

  /** The SAC machinery's settings (the log-sigma bounds do not apply to a chain). */
  public SacHyperparameters sac() {
    return sacPart(
        bufferSize,
        gamma,
        tau,
        batchSize,
        learningStarts,
        policyLr,
        qLr,
        policyFrequency,
        targetNetworkFrequency,
        alpha,
        autotune,
        hiddenSize);
  }

  public DiffusionSettings diffusion() {
    return new DiffusionSettings(
        diffusionSteps,
        sigma0,
        minFrac,
        stepSize,
        learnStepSizes,
        friction,
        learnFriction,
        hiddenSize,
        denoiserLayers,
        timeFeatures);
  }

  private static SacHyperparameters sacPart(
      int bufferSize,
      double gamma,
      double tau,
      int batchSize,
      int learningStarts,
      double policyLr,
      double qLr,
      int policyFrequency,
      int targetNetworkFrequency,
      double alpha,
      boolean autotune,
      int hiddenSize) {
    SacHyperparameters defaults = SacHyperparameters.defaults();
    return new SacHyperparameters(
        bufferSize,
        gamma,
        tau,
        batchSize,
        learningStarts,
        policyLr,
        qLr,
        policyFrequency,
        targetNetworkFrequency,
        alpha,
        autotune,
        hiddenSize,
        defaults.logStdMin(),
        defaults.logStdMax());
  }
}
