package dev.diffsweep.trainer.agent;

import dev.diffsweep.trainer.policy.DiffusionSettings;

/**
 * DiffPPO's hyperparameters: PPO's (CleanRL's defaults; hidden_size is the value network's), the
 * augmented MDP's (alpha, chain_gae_lambda) and the diffusion chain's (docs/ALGORITHMS.md, section
 * 2).
 *
 * @param alpha temperature of the soft rewards -alpha l_k, or the tuned temperature's starting
 *     value (0.01)
 * @param autotune tune alpha towards the target entropy -d * ent_target_mult (docs/ALGORITHMS.md,
 *     section 9; false): one Adam step on log alpha per minibatch, on SAC's loss with the chain
 *     log-ratio sum_k l_k that the minibatch's rows recorded when they acted (K times their mean
 *     l_k); the rollout's soft rewards take the alpha of the iteration's start
 * @param entTargetMult multiplier of the target entropy -d (1)
 * @param alphaLr Adam learning rate of log alpha (1e-3, SAC's q_lr)
 * @param chainGaeLambda GAE trace inside the chain, where the discount is 1 (1: a chain step's
 *     advantage sees the whole rest of its chain)
 * @param denoiserHidden width of the denoiser f_theta (256)
 */
public record DiffPpoHyperparameters(
    int numEnvs,
    int numSteps,
    double learningRate,
    boolean annealLr,
    double gamma,
    double gaeLambda,
    int numMinibatches,
    int updateEpochs,
    boolean normAdv,
    double clipCoef,
    boolean clipVloss,
    double entCoef,
    double vfCoef,
    double maxGradNorm,
    int hiddenSize,
    boolean normObs,
    boolean normReward,
    double obsClip,
    double rewardClip,
    double alpha,
    boolean autotune,
    double entTargetMult,
    double alphaLr,
    double chainGaeLambda,
    int diffusionSteps,
    double sigma0,
    double minFrac,
    double stepSize,
    boolean learnStepSizes,
    double friction,
    boolean learnFriction,
    int denoiserHidden,
    int denoiserLayers,
    int timeFeatures) {

  public static DiffPpoHyperparameters defaults() {
    PpoHyperparameters ppo = PpoHyperparameters.defaults();
    return new DiffPpoHyperparameters(
        ppo.numEnvs(),
        ppo.numSteps(),
        ppo.learningRate(),
        ppo.annealLr(),
        ppo.gamma(),
        ppo.gaeLambda(),
        ppo.numMinibatches(),
        ppo.updateEpochs(),
        ppo.normAdv(),
        ppo.clipCoef(),
        ppo.clipVloss(),
        ppo.entCoef(),
        ppo.vfCoef(),
        ppo.maxGradNorm(),
        ppo.hiddenSize(),
        ppo.normObs(),
        ppo.normReward(),
        ppo.obsClip(),
        ppo.rewardClip(),
        0.01,
        false,
        1.0,
        1e-3,
        1.0,
        8,
        2.5,
        0.17,
        0.1,
        false,
        0.25,
        false,
        256,
        2,
        16);
  }

  public DiffPpoHyperparameters {
    Checks.nonNegative("alpha", alpha);
    if (autotune && alpha == 0) {
      throw new IllegalArgumentException(
          "autotune needs a positive alpha to start from (log alpha is what is tuned), got 0");
    }
    Checks.positive("ent_target_mult", entTargetMult);
    Checks.positive("alpha_lr", alphaLr);
    Checks.inRange("chain_gae_lambda", chainGaeLambda, 0, 1);
    // Constructing both views validates every field with the key's name in the message.
    new PpoHyperparameters(
        numEnvs,
        numSteps,
        learningRate,
        annealLr,
        gamma,
        gaeLambda,
        numMinibatches,
        updateEpochs,
        normAdv,
        clipCoef,
        clipVloss,
        entCoef,
        vfCoef,
        maxGradNorm,
        hiddenSize,
        normObs,
        normReward,
        obsClip,
        rewardClip,
        0.0);
    new DiffusionSettings(
        diffusionSteps,
        sigma0,
        minFrac,
        stepSize,
        learnStepSizes,
        friction,
        learnFriction,
        denoiserHidden,
        denoiserLayers,
        timeFeatures);
  }

  /** The PPO machinery's settings (the Gaussian's initial log sigma does not apply). */
  public PpoHyperparameters ppo() {
    return new PpoHyperparameters(
        numEnvs,
        numSteps,
        learningRate,
        annealLr,
        gamma,
        gaeLambda,
        numMinibatches,
        updateEpochs,
        normAdv,
        clipCoef,
        clipVloss,
        entCoef,
        vfCoef,
        maxGradNorm,
        hiddenSize,
        normObs,
        normReward,
        obsClip,
        rewardClip,
        0.0);
  }

  /** The temperature of the soft rewards for a task with {@code actionSize} actuators. */
  public Temperature temperature(int actionSize) {
    return autotune
        ? Temperature.tuned(alpha, -actionSize * entTargetMult, alphaLr)
        : Temperature.fixed(alpha);
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
        denoiserHidden,
        denoiserLayers,
        timeFeatures);
  }
}
