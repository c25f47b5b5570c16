package dev.diffsweep.trainer.agent;

/**
 * PPO's hyperparameters; the defaults are CleanRL's ppo_continuous_action.py.
 *
 * @param numEnvs copies of the environment stepped together as one vector env (1); a rollout is
 *     num_steps from each, num_envs x num_steps env steps, and the run's step budget counts every
 *     copy's steps
 * @param numSteps env steps per rollout of each copy (2048)
 * @param learningRate Adam learning rate of actor and value network (3e-4)
 * @param annealLr anneal the learning rate linearly to 0 over the run (true)
 * @param gamma discount (0.99)
 * @param gaeLambda GAE lambda (0.95)
 * @param numMinibatches minibatches per epoch (32), at most num_envs x num_steps
 * @param updateEpochs passes over each rollout (10)
 * @param normAdv normalise advantages per minibatch (true)
 * @param clipCoef ratio clip, also the value clip (0.2)
 * @param clipVloss clip the value loss (true)
 * @param entCoef entropy bonus coefficient (0)
 * @param vfCoef value loss coefficient (0.5)
 * @param maxGradNorm global gradient-norm clip (0.5)
 * @param hiddenSize width of the two tanh hidden layers of actor and value network (64)
 * @param normObs normalise observations by running statistics (true)
 * @param normReward scale rewards by the running std of the discounted return (true)
 * @param obsClip clip of normalised observations (10)
 * @param rewardClip clip of scaled rewards (10)
 * @param logStdInit initial log sigma of the Gaussian (0)
 */
public record PpoHyperparameters(
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
    double logStdInit) {

  public static PpoHyperparameters defaults() {
    return new PpoHyperparameters(
        1, 2048, 3e-4, true, 0.99, 0.95, 32, 10, true, 0.2, true, 0.0, 0.5, 0.5, 64, true, true, 10,
        10, 0.0);
  }

  public PpoHyperparameters {
    Checks.positive("num_envs", numEnvs);
    Checks.positive("num_steps", numSteps);
    Checks.positive("learning_rate", learningRate);
    Checks.inRange("gamma", gamma, 0, 1);
    Checks.inRange("gae_lambda", gaeLambda, 0, 1);
    Checks.positive("num_minibatches", numMinibatches);
    Checks.positive("update_epochs", updateEpochs);
    Checks.positive("clip_coef", clipCoef);
    Checks.nonNegative("ent_coef", entCoef);
    Checks.nonNegative("vf_coef", vfCoef);
    Checks.positive("max_grad_norm", maxGradNorm);
    Checks.positive("hidden_size", hiddenSize);
    Checks.positive("obs_clip", obsClip);
    Checks.positive("reward_clip", rewardClip);
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
