package dev.diffsweep.trainer.agent.sac;

import ai.djl.ndarray.NDArray;
import dev.diffsweep.trainer.agent.offpolicy.CriticLosses;
import dev.diffsweep.trainer.nn.Scalars;

/**
 * SAC's actor objective, shared by SAC and DiffSAC (whose log-density is the chain log-ratio); the
 * critic's are {@link CriticLosses}.
 */
public final class SacLosses {
  private SacLosses() {}

  /** mean_b (alpha log pi(a_b|s_b) - min_j Q_j(s_b, a_b)) (a scalar); minQ is [B, 1]. */
  public static NDArray actorLoss(NDArray logDensity, NDArray minQ, double alpha) {
    return Scalars.multiply(logDensity, alpha).sub(minQ.squeeze(1)).mean();
  }
}
