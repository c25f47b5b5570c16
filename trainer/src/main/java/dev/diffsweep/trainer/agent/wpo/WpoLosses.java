package dev.diffsweep.trainer.agent.wpo;

import ai.djl.ndarray.NDArray;
import dev.diffsweep.trainer.nn.Scalars;
import dev.diffsweep.trainer.policy.GaussianKernel;

/**
 * The WPO actor loss (Pfau et al. 2025) for one kernel step, in the per-step form of
 * docs/ALGORITHMS.md, sections 7.3 and 8.3: with y ~ F sampled and held fixed,
 *
 * <pre>
 *   L = mean_b sum_i sg(alpha d l/dy - dQ/dy)_i (d l / dy)_i(y; theta)
 * </pre>
 *
 * where d l / dy is analytic ({@link GaussianKernel#logRatioGradient}), so the parameter gradient
 * needs first-order autodiff only. For a Gaussian policy l = log pi and alpha = 0 gives WPO's
 * -E[grad_a log pi . sg(grad_a Q)]. The natural-gradient form replaces the mean's gradient
 * sg(c)/var by sg(c) and sigma's 2 sg(c)(y - mu)/sigma^3 by sg(c)(y - mu)/sigma (the Fisher metric
 * of a Gaussian), through the surrogate sum sg(c) (mu + sg(y - mu) log sigma).
 */
public final class WpoLosses {
  private WpoLosses() {}

  /**
   * @param kernel the live kernel (its mean and variance carry the parameter gradient)
   * @param coefficient sg(alpha d l/dy - dQ/dy), [B, d]
   * @param from x_k, [B, d]
   * @param next the sampled y, [B, d], constant
   */
  public static NDArray actorLoss(
      GaussianKernel kernel,
      NDArray coefficient,
      NDArray from,
      NDArray next,
      boolean naturalGradient) {
    NDArray perDimension;
    if (naturalGradient) {
      NDArray deviation = next.sub(kernel.mean()).stopGradient();
      NDArray logStd = Scalars.multiply(kernel.variance().log(), 0.5);
      perDimension = coefficient.mul(kernel.mean().add(deviation.mul(logStd)));
    } else {
      perDimension = coefficient.mul(kernel.logRatioGradient(from, next));
    }
    return perDimension.sum(new int[] {1}).mean();
  }

  /**
   * The optional KL bound of docs/ALGORITHMS.md, section 10.5: while the batch's mean KL to the
   * previous actor stays within {@code bound} the step descends the WPO loss; past it the step
   * switches to descending {@code weight} KL, which pulls the actor back towards the previous one.
   *
   * @param meanKl mean over the batch of KL(previous || live), carrying the live kernel's gradient
   */
  public static NDArray klBounded(NDArray actorLoss, NDArray meanKl, double bound, double weight) {
    return meanKl.toArray()[0].doubleValue() > bound ? Scalars.multiply(meanKl, weight) : actorLoss;
  }

  /** sg(alpha d l/dy - dQ/dy). */
  public static NDArray coefficient(
      NDArray logRatioGradient, NDArray criticGradient, double alpha) {
    return Scalars.multiply(logRatioGradient, alpha).sub(criticGradient).stopGradient();
  }
}
