package dev.diffsweep.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Arithmetic between an array and a Java number that is safe inside a {@link GradientTape}. Use
 * these instead of DJL's {@code NDArray.mul(Number)}, {@code div(Number)} and {@code pow(Number)}.
 *
 * <p>Those DJL methods wrap the number in a tensor over a Java direct buffer, use it, and close it
 * at once. Torch's autograd keeps that tensor to compute the gradient later. If a garbage
 * collection frees the buffer before the backward pass, the pass reads whatever the memory holds by
 * then: the gradient is silently wrong. In short SAC runs this changed about one run in twenty.
 * Here the number becomes a tensor that torch allocates and reference-counts, so the graph keeps it
 * alive as long as it needs it.
 */
public final class Scalars {
  private Scalars() {}

  /** x * factor. */
  public static NDArray multiply(NDArray x, double factor) {
    try (NDArray scalar = like(x, factor)) {
      return x.mul(scalar);
    }
  }

  /** x / divisor. */
  public static NDArray divide(NDArray x, double divisor) {
    try (NDArray scalar = like(x, divisor)) {
      return x.div(scalar);
    }
  }

  /** x ^ exponent, elementwise. */
  public static NDArray power(NDArray x, double exponent) {
    try (NDArray scalar = like(x, exponent)) {
      return x.pow(scalar);
    }
  }

  /** A 0-dimensional array of x's type and device holding value, in torch-owned memory. */
  private static NDArray like(NDArray x, double value) {
    return JniUtils.full(
        (PtNDManager) x.getManager(),
        new Shape(),
        value,
        x.getDataType(),
        x.getDevice(),
        SparseFormat.DENSE);
  }
}
