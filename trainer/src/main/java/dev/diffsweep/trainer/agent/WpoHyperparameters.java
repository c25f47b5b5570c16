package dev.diffsweep.trainer.agent;

/**
 * WPO's hyperparameters. The off-policy machinery (replay, twin critics, targets, schedules) takes
 * SAC's CleanRL defaults (docs/ALGORITHMS.md, sections 1.3 and 7.2).
 *
 * @param bufferSize replay capacity (1e6)
 * @param gamma discount (0.99)
 * @param tau Polyak rate of the target critics (0.005)
 * @param batchSize minibatch size (256)
 * @param learningStarts env steps before training starts (5000); the policy acts throughout
 * @param policyLr actor Adam learning rate (1e-4, a third of SAC's: with 3e-4 the deterministic
 *     policy tanh(mu) of a seed fell away late in training while the stochastic one kept the
 *     maximal return; docs/ALGORITHMS.md, section 10.6)
 * @param qLr critic Adam learning rate (1e-3)
 * @param policyFrequency actor updates happen every this many steps, this many at a time (2)
 * @param targetNetworkFrequency Polyak updates every this many steps (1)
 * @param alpha entropy temperature of the regularised flow and the soft critic target when not
 *     tuned (0: plain WPO)
 * @param autotune tune alpha towards the target entropy -d as SAC does (true): with alpha = 0 the
 *     Wasserstein flow of -Q shrinks sigma wherever Q is concave in the action, so exploration
 *     stops; the entropy term's flow alpha d log pi/da pushes sigma back out
 * @param naturalGradient scale the mean's gradient by sigma^2 and sigma's by sigma^2 / 2 (false)
 * @param klBound bound on the batch's mean KL(previous || current) of the actor, in nats; 0 turns
 *     the bound off (0). The previous actor is a copy of the actor that trails it by Polyak
 *     averaging at the critics' rate tau after every actor step (a copy taken at the step itself
 *     would be at KL 0 with zero gradient); past the bound the actor's step descends kl_weight KL
 *     instead of the WPO loss ({@link WpoLosses#klBounded})
 * @param klWeight lambda, the weight of that KL loss (1)
 * @param hiddenSize width of the actor's and critics' two ReLU hidden layers (256)
 * @param logStdInit initial log sigma of the Gaussian (0)
 * @param logStdMin lower bound of log sigma (-5)
 * @param logStdMax upper bound of log sigma (2)
 */
public record WpoHyperparameters(
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
    double logStdInit,
    double logStdMin,
    double logStdMax) {

  public static WpoHyperparameters defaults() {
    SacHyperparameters sac = SacHyperparameters.defaults();
    return new WpoHyperparameters(
        sac.bufferSize(),
        sac.gamma(),
        sac.tau(),
        sac.batchSize(),
        sac.learningStarts(),
        1e-4,
        sac.qLr(),
        sac.policyFrequency(),
        sac.targetNetworkFrequency(),
        0.0,
        true,
        false,
        0.0,
        1.0,
        sac.hiddenSize(),
        0.0,
        sac.logStdMin(),
        sac.logStdMax());
  }

  /** Whether the actor is held near its trailing copy ({@code kl_bound} > 0). */
  public boolean klBounded() {
    return klBound > 0;
  }

  public WpoHyperparameters {
    Checks.positive("buffer_size", bufferSize);
    Checks.inRange("gamma", gamma, 0, 1);
    Checks.inRange("tau", tau, 0, 1);
    Checks.positive("batch_size", batchSize);
    Checks.nonNegative("learning_starts", learningStarts);
    Checks.positive("policy_lr", policyLr);
    Checks.positive("q_lr", qLr);
    Checks.positive("policy_frequency", policyFrequency);
    Checks.positive("target_network_frequency", targetNetworkFrequency);
    Checks.nonNegative("alpha", alpha);
    Checks.nonNegative("kl_bound", klBound);
    Checks.positive("kl_weight", klWeight);
    Checks.positive("hidden_size", hiddenSize);
    if (!(logStdMin < logStdMax) || logStdInit < logStdMin || logStdInit > logStdMax) {
      throw new IllegalArgumentException(
          "need log_std_min <= log_std_init <= log_std_max with min < max, got "
              + logStdMin
              + ", "
              + logStdInit
              + ", "
              + logStdMax);
    }
  }
}
