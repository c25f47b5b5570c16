package dev.diffsweep.trainer.agent;

/**
 * SAC's hyperparameters; the defaults are CleanRL's sac_continuous_action.py.
 *
 * @param bufferSize replay capacity (1e6)
 * @param gamma discount (0.99)
 * @param tau Polyak rate of the target critics (0.005)
 * @param batchSize minibatch size (256)
 * @param learningStarts env steps of uniform-random actions before training (5000)
 * @param policyLr actor Adam learning rate (3e-4)
 * @param qLr critic and temperature Adam learning rate (1e-3)
 * @param policyFrequency actor updates happen every this many steps, this many at a time (2)
 * @param targetNetworkFrequency Polyak updates every this many steps (1)
 * @param alpha the entropy temperature when not tuned (0.2)
 * @param autotune tune alpha towards the target entropy -d (true)
 * @param hiddenSize width of the actor's and critics' two hidden layers (256)
 * @param logStdMin lower bound of the actor's log sigma (-5)
 * @param logStdMax upper bound of the actor's log sigma (2)
 */
public record SacHyperparameters(
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
    int hiddenSize,
    double logStdMin,
    double logStdMax) {

  public static SacHyperparameters defaults() {
    return new SacHyperparameters(
        1_000_000, 0.99, 0.005, 256, 5_000, 3e-4, 1e-3, 2, 1, 0.2, true, 256, -5, 2);
  }

  public SacHyperparameters {
    Checks.positive("buffer_size", bufferSize);
    Checks.inRange("gamma", gamma, 0, 1);
    Checks.inRange("tau", tau, 0, 1);
    Checks.positive("batch_size", batchSize);
    Checks.nonNegative("learning_starts", learningStarts);
    Checks.positive("policy_lr", policyLr);
    Checks.positive("q_lr", qLr);
    Checks.positive("policy_frequency", policyFrequency);
    Checks.positive("target_network_frequency", targetNetworkFrequency);
    Checks.positive("alpha", alpha);
    Checks.positive("hidden_size", hiddenSize);
    if (!(logStdMin < logStdMax)) {
      throw new IllegalArgumentException(
          "log_std_min must be below log_std_max, got " + logStdMin + " and " + logStdMax);
    }
  }
}
