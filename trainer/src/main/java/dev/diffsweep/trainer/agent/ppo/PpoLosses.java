package dev.diffsweep.trainer.agent.ppo;

import ai.djl.ndarray.NDArray;
import dev.diffsweep.trainer.nn.Scalars;

/**
 * PPO's clipped objectives (Schulman et al. 2017) in CleanRL's form, shared by PPO and DiffPPO
 * (whose rows are augmented steps and whose log-densities are the chain kernel's). All inputs are
 * [B].
 */
public final class PpoLosses {
  private PpoLosses() {}

  /** mean max(-A rho, -A clip(rho, 1 - eps, 1 + eps)), rho = exp(log pi - log pi_old). */
  public static NDArray policyLoss(
      NDArray logDensity, NDArray oldLogDensity, NDArray advantages, double clip) {
    NDArray ratio = logDensity.sub(oldLogDensity).exp();
    NDArray unclipped = ratio.mul(advantages).neg();
    NDArray clipped = ratio.clip(1 - clip, 1 + clip).mul(advantages).neg();
    return unclipped.maximum(clipped).mean();
  }

  /**
   * 0.5 mean max((V - R)^2, (V_clipped - R)^2) with V_clipped = V_old + clip(V - V_old, -eps, eps),
   * or 0.5 mean (V - R)^2 unclipped.
   */
  public static NDArray valueLoss(
      NDArray values, NDArray oldValues, NDArray returns, double clip, boolean clipValues) {
    NDArray error = values.sub(returns).square();
    if (!clipValues) {
      return Scalars.multiply(error.mean(), 0.5);
    }
    NDArray clippedValues = oldValues.add(values.sub(oldValues).clip(-clip, clip));
    return Scalars.multiply(error.maximum(clippedValues.sub(returns).square()).mean(), 0.5);
  }

  /** (A - mean) / (std + 1e-8) with the unbiased std, as torch's std. */
  public static float[] normalizeAdvantages(float[] advantages) {
    int n = advantages.length;
    double mean = 0;
    for (float a : advantages) {
      mean += a / (double) n;
    }
    double squares = 0;
    for (float a : advantages) {
      squares += (a - mean) * (a - mean);
    }
    double std = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
    float[] normalized = new float[n];
    for (int i = 0; i < n; i++) {
      normalized[i] = (float) ((advantages[i] - mean) / (std + 1e-8));
    }
    return normalized;
  }
}
