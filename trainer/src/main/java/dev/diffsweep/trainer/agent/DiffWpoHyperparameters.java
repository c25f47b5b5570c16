package dev.diffsweep.trainer.agent;

import dev.diffsweep.trainer.policy.DiffusionSettings;

/**
 * DiffWPO's hyperparameters: WPO's off-policy machinery (SAC's CleanRL defaults), the temperature
 * of the per-step soft terms, and the diffusion chain's (docs/ALGORITHMS.md, sections 2 and 8). The
 * prior scale is 1, as DiffSAC's and for the same reason ({@link DiffSacHyperparameters};
 * docs/ALGORITHMS.md, section 10.1): the critic sees tanh(x_K), whose gradient vanishes for the 42%
 * of an untrained chain's samples beyond |x| = 2 under sigma0 = 2.5.
 *
 * @param policyLr actor Adam learning rate (3e-4, SAC's; WPO's own default is lower, see {@link
 *     WpoHyperparameters})
 * @param alpha temperature of the soft terms -alpha l_k when not tuned (0.05: with 0.01 a chain
 *     could collapse onto tanh's saturated tails right after learning started; 0.05 keeps enough
 *     spread in the chain; docs/ALGORITHMS.md, section 10.4)
 * @param autotune tune alpha towards the target entropy -d on the chain log-ratio, as DiffSAC does
 *     (false)
 * @param naturalGradient scale the kernel mean's gradient by its variance (false)
 * @param klBound bound on the mean KL between the live and the trailing previous actor's kernels
 *     F(. | s, x_k, k) at the sampled augmented states (0: off; see {@link WpoHyperparameters})
 * @param klWeight lambda, the weight of the KL loss past the bound (1)
 * @param hiddenSize width of the critics' two hidden layers and of the denoiser (256)
 * @param sigma0 standard deviation of the prior N(0, sigma0^2 I) (1; see above)
 */
public record DiffWpoHyperparameters(
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
    boolean naturalGradient,
    double klBound,
    double klWeight,
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

  public static DiffWpoHyperparameters defaults() {
    WpoHyperparameters wpo = WpoHyperparameters.defaults();
    return new DiffWpoHyperparameters(
        wpo.bufferSize(),
        wpo.gamma(),
        wpo.tau(),
        wpo.batchSize(),
        wpo.learningStarts(),
        SacHyperparameters.defaults().policyLr(),
        wpo.qLr(),
        wpo.policyFrequency(),
        wpo.targetNetworkFrequency(),
        0.05,
        false,
        false,
        wpo.klBound(),
        wpo.klWeight(),
        wpo.hiddenSize(),
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

  public DiffWpoHyperparameters {
    // Constructing both views validates every field with the key's name in the message.
    wpo(
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
        naturalGradient,
        klBound,
        klWeight,
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

  /** The WPO machinery's settings (the Gaussian's log-sigma settings do not apply). */
  public WpoHyperparameters wpo() {
    return wpo(
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
        naturalGradient,
        klBound,
        klWeight,
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

  private static WpoHyperparameters wpo(
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
      boolean naturalGradient,
      double klBound,
      double klWeight,
      int hiddenSize) {
    WpoHyperparameters defaults = WpoHyperparameters.defaults();
    return new WpoHyperparameters(
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
        naturalGradient,
        klBound,
        klWeight,
        hiddenSize,
        defaults.logStdInit(),
        defaults.logStdMin(),
        defaults.logStdMax());
  }
}
