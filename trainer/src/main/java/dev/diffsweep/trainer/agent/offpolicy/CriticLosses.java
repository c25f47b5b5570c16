package dev.diffsweep.trainer.agent.offpolicy;

import ai.djl.ndarray.NDArray;
import dev.diffsweep.trainer.nn.Scalars;

/**
 * The soft twin-critic objectives of the off-policy agents (SAC, WPO and their diffusion variants:
 * each passes its own log-density, the chain log-ratio for the variants). Shapes: B rows, critics
 * stacked as [2, B, 1].
 */
public final class CriticLosses {
  private CriticLosses() {}

  /**
   * y = r + gamma (1 - terminated) (min_j Qbar_j(s', a') - alpha log pi(a'|s')), shape [B, 1].
   *
   * @param notTerminated 1 - terminated, [B, 1]
   * @param minTargetQ min over the target critics, [B, 1]
   * @param nextLogDensity log pi(a'|s'), [B]
   */
  public static NDArray criticTarget(
      NDArray rewards,
      NDArray notTerminated,
      double gamma,
      NDArray minTargetQ,
      NDArray nextLogDensity,
      double alpha) {
    NDArray softValue = minTargetQ.sub(Scalars.multiply(nextLogDensity.expandDims(1), alpha));
    return rewards.add(Scalars.multiply(notTerminated, gamma).mul(softValue));
  }

  /** sum_j mean_b (Q_j(s_b, a_b) - y_b)^2, the sum of both critics' MSEs (a scalar). */
  public static NDArray criticLoss(NDArray q, NDArray target) {
    // The mean over [2, B, 1] is half the sum of the two per-critic means.
    return Scalars.multiply(q.sub(target).square().mean(), TwinCritic.COPIES);
  }
}
