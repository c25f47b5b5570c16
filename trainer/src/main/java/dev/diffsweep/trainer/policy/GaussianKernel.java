package dev.diffsweep.trainer.policy;

import ai.djl.ndarray.NDArray;
import dev.diffsweep.trainer.nn.Scalars;

/**
 * One step of a policy on the diffusion-augmented MDP, for a batch of rows: the forward kernel F(y
 * | x) = N(mean, variance) over the next chain sample y, and optionally the fixed backward kernel
 * B(x | y) = N(backwardDecay * y, variance) (same variance, as in docs/ALGORITHMS.md, section 2.4).
 * A Gaussian policy is the one-step case without a backward kernel: its log-ratio is log pi.
 *
 * <p>All arrays are [B, d]; results of the densities are [B]. Everything is a differentiable
 * function of {@code mean} and {@code variance}, so a loss built here reaches the parameters.
 *
 * @param backwardDecay c_k = 1 - eta_k / sigma0^2, or null for no backward kernel
 * @param tanhSquashed the sample y is a pre-tanh action: the log-ratio is the density of tanh(y),
 *     log F(y) - sum_i log(1 - tanh^2 y_i) (up to the constant of the actuator scaling), as SAC's
 *     log pi. Without it the entropy of y says nothing about the action's, and a tuned temperature
 *     lets the Gaussian sit in tanh's flat tails.
 */
public record GaussianKernel(
    NDArray mean, NDArray variance, NDArray backwardDecay, boolean tanhSquashed) {
  private static final float LOG_TWO_PI = (float) Math.log(2 * Math.PI);

  /** CleanRL's guard inside log(1 - tanh^2). */
  private static final float SQUASH_EPSILON = 1e-6f;

  public GaussianKernel(NDArray mean, NDArray variance, NDArray backwardDecay) {
    this(mean, variance, backwardDecay, false);
  }

  /** The same kernel with its arrays cut from the autograd graph. */
  public GaussianKernel detached() {
    return new GaussianKernel(
        mean.stopGradient(),
        variance.stopGradient(),
        backwardDecay == null ? null : backwardDecay.stopGradient(),
        tanhSquashed);
  }

  /** log F(y | x) = sum_i -(y - mean)^2 / (2 var) - log(2 pi var) / 2. */
  public NDArray logDensity(NDArray next) {
    return gaussianLogDensity(next.sub(mean));
  }

  /** log B(x | y), or zero without a backward kernel. */
  public NDArray backwardLogDensity(NDArray from, NDArray next) {
    if (backwardDecay == null) {
      return next.zerosLike().sum(new int[] {1});
    }
    return gaussianLogDensity(from.sub(next.mul(backwardDecay)));
  }

  /** l = log F(y | x) - log B(x | y), per row. */
  public NDArray logRatio(NDArray from, NDArray next) {
    NDArray ratio = logDensity(next).sub(backwardLogDensity(from, next));
    if (!tanhSquashed) {
      return ratio;
    }
    NDArray oneMinusSquare = next.tanh().square().neg().add(1f);
    return ratio.sub(oneMinusSquare.add(SQUASH_EPSILON).log().sum(new int[] {1}));
  }

  /**
   * d l / d y, analytic: -(y - mean) / var - c (x - c y) / var (the second term only with a
   * backward kernel). With {@code next} held fixed its dependence on the parameters is through the
   * mean and variance only, which is what the WPO actor loss differentiates.
   */
  public NDArray logRatioGradient(NDArray from, NDArray next) {
    NDArray forward = next.sub(mean).neg().div(variance);
    if (tanhSquashed) {
      // d/dy of -log(1 - t^2 + eps), t = tanh y: 2 t (1 - t^2) / (1 - t^2 + eps).
      NDArray t = next.tanh();
      NDArray oneMinusSquare = t.square().neg().add(1f);
      forward =
          forward.add(
              Scalars.multiply(t, 2).mul(oneMinusSquare).div(oneMinusSquare.add(SQUASH_EPSILON)));
    }
    if (backwardDecay == null) {
      return forward;
    }
    return forward.sub(from.sub(next.mul(backwardDecay)).mul(backwardDecay).div(variance));
  }

  /** Differential entropy of F per row: sum_i (log(2 pi var) + 1) / 2. */
  public NDArray entropy() {
    return Scalars.multiply(variance.log().add(LOG_TWO_PI + 1f), 0.5).sum(new int[] {1});
  }

  /**
   * KL(previous || this) per row, between the forward kernels at the same x_k: sum_i (log(var /
   * var_prev) + (var_prev + (mean_prev - mean)^2) / var - 1) / 2. tanh is a bijection, so for a
   * squashed Gaussian this is also the KL between the action distributions.
   */
  public NDArray klFrom(GaussianKernel previous) {
    NDArray perDimension =
        variance
            .log()
            .sub(previous.variance.log())
            .add(previous.variance.add(previous.mean.sub(mean).square()).div(variance))
            .sub(1f);
    return Scalars.multiply(perDimension, 0.5).sum(new int[] {1});
  }

  /** A draw from F with standard-normal {@code noise}: mean + sqrt(var) noise. */
  public NDArray sample(NDArray noise) {
    return mean.add(variance.sqrt().mul(noise));
  }

  private NDArray gaussianLogDensity(NDArray deviation) {
    NDArray perDimension = deviation.square().div(variance).add(variance.log()).add(LOG_TWO_PI);
    return Scalars.multiply(perDimension, -0.5).sum(new int[] {1});
  }
}
