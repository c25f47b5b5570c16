package dev.diffsweep.trainer.agent.ppo;

import dev.diffsweep.trainer.agent.Checks;
import dev.diffsweep.trainer.agent.Default;
import dev.diffsweep.trainer.agent.InRange;
import dev.diffsweep.trainer.agent.NonNegative;
import dev.diffsweep.trainer.agent.Positive;

/**
 * The PPO machinery PPO and DiffPPO share: rollout, clipped update, networks and normalisation; the
 * defaults are CleanRL's ppo_continuous_action.py.
 *
 * @param numEnvs copies of the environment stepped together as one vector env; a rollout is
 *     num_steps from each, num_envs x num_steps env steps, and the run's step budget counts every
 *     copy's steps
 * @param numSteps env steps per rollout of each copy
 * @param learningRate Adam learning rate of actor and value network
 * @param annealLr anneal the learning rate linearly to 0 over the run
 * @param gamma discount
 * @param gaeLambda GAE lambda
 * @param numMinibatches minibatches per epoch, at most num_envs x num_steps
 * @param updateEpochs passes over each rollout
 * @param normAdv normalise advantages per minibatch
 * @param clipCoef ratio clip, also the value clip
 * @param clipVloss clip the value loss
 * @param entCoef entropy bonus coefficient
 * @param vfCoef value loss coefficient
 * @param maxGradNorm global gradient-norm clip
 * @param hiddenSize width of the two tanh hidden layers of the value network, and in PPO of the
 *     actor too (DiffPPO's actor is the denoiser, whose width is denoiser_hidden); the key is
 *     hidden_size in both, although in DiffSAC and DiffWPO that key is the critics' and the
 *     denoiser's width
 * @param normObs normalise observations by running statistics
 * @param normReward scale rewards by the running std of the discounted return
 * @param obsClip clip of normalised observations
 * @param rewardClip clip of scaled rewards
 */
public record PpoSettings(
    @Default("1") @Positive int numEnvs,
    @Default("2048") @Positive int numSteps,
    @Default("3e-4") @Positive double learningRate,
    @Default("true") boolean annealLr,
    @Default("0.99") @InRange(min = 0, max = 1) double gamma,
    @Default("0.95") @InRange(min = 0, max = 1) double gaeLambda,
    @Default("32") @Positive int numMinibatches,
    @Default("10") @Positive int updateEpochs,
    @Default("true") boolean normAdv,
    @Default("0.2") @Positive double clipCoef,
    @Default("true") boolean clipVloss,
    @Default("0") @NonNegative double entCoef,
    @Default("0.5") @NonNegative double vfCoef,
    @Default("0.5") @Positive double maxGradNorm,
    @Default("64") @Positive int hiddenSize,
    @Default("true") boolean normObs,
    @Default("true") boolean normReward,
    @Default("10") @Positive double obsClip,
    @Default("10") @Positive double rewardClip) {

  public PpoSettings {
    Checks.components(
        PpoSettings.class,
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
        rewardClip);
    long rolloutSteps = (long) numEnvs * numSteps;
    if (numMinibatches > rolloutSteps) {
      throw new IllegalArgumentException(
          "num_minibatches ("
              + numMinibatches
              + ") must not exceed num_envs x num_steps ("
              + numEnvs
              + " x "
              + numSteps
              + ")");
    }
  }
}
