package dev.diffsweep.trainer.agent.offpolicy;

import dev.diffsweep.trainer.agent.Checks;
import dev.diffsweep.trainer.agent.Default;
import dev.diffsweep.trainer.agent.Defaults;
import dev.diffsweep.trainer.agent.InRange;
import dev.diffsweep.trainer.agent.NonNegative;
import dev.diffsweep.trainer.agent.Positive;
import dev.diffsweep.trainer.agent.Temperature;

/**
 * The off-policy machinery SAC, WPO and their diffusion variants share: replay, twin critics with
 * Polyak-averaged targets, the update schedule and the entropy temperature. The defaults are
 * CleanRL's sac_continuous_action.py; an algorithm changes one with {@link Defaults}. The
 * temperature's range is the algorithm's to check (SAC's alpha is positive, WPO's may be 0).
 *
 * @param bufferSize replay capacity
 * @param gamma discount
 * @param tau Polyak rate of the target critics
 * @param batchSize minibatch size
 * @param learningStarts env steps before training starts (SAC acts uniformly at random until then)
 * @param policyLr actor (or chain) Adam learning rate
 * @param qLr critic and temperature Adam learning rate
 * @param policyFrequency actor updates happen every this many steps, this many at a time
 * @param targetNetworkFrequency Polyak updates every this many steps
 * @param alpha the entropy temperature when not tuned, or where tuning starts
 * @param autotune tune alpha towards the target entropy -d (times ent_target_mult where there is
 *     one)
 */
public record OffPolicySettings(
    @Default("1e6") @Positive int bufferSize,
    @Default("0.99") @InRange(min = 0, max = 1) double gamma,
    @Default("0.005") @InRange(min = 0, max = 1) double tau,
    @Default("256") @Positive int batchSize,
    @Default("5000") @NonNegative int learningStarts,
    @Default("3e-4") @Positive double policyLr,
    @Default("1e-3") @Positive double qLr,
    @Default("2") @Positive int policyFrequency,
    @Default("1") @Positive int targetNetworkFrequency,
    @Default("0.2") double alpha,
    @Default("true") boolean autotune) {

  public OffPolicySettings {
    Checks.components(
        OffPolicySettings.class,
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
        autotune);
  }

  /**
   * The entropy temperature: with autotune, tuned at q_lr towards {@code targetEntropy} from alpha
   * = 1 (CleanRL's start); otherwise fixed at alpha.
   */
  public Temperature temperature(double targetEntropy) {
    return autotune ? Temperature.tuned(targetEntropy, qLr) : Temperature.fixed(alpha);
  }

  /**
   * The replay buffer's capacity for a run of {@code totalSteps}: buffer_size, but no more than the
   * run can fill, and at least 1.
   */
  public int replayCapacity(long totalSteps) {
    return (int) Math.max(1, Math.min(bufferSize, totalSteps));
  }
}
