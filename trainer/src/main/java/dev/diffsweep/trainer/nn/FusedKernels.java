package dev.diffsweep.trainer.nn;

import ai.djl.ndarray.NDArray;
import dev.diffsweep.trainer.natives.NativeLibraries;
import java.nio.ByteBuffer;

/**
 * One-pass optimiser updates on float32 CPU arrays, in our native library (fused_kernels.c). DJL's
 * Adam makes about a dozen passes over memory per array and a Polyak average three; on the CPU
 * these passes were a tenth of a SAC update. The same goes for the squared sums of the gradient
 * norm. Arrays elsewhere (a GPU) take DJL's operations.
 */
final class FusedKernels {
  static {
    NativeLibraries.load();
  }

  private FusedKernels() {}

  /** Whether the kernels can update these arrays in place: float32 in host memory. */
  static boolean applies(NDArray... arrays) {
    return HostArrays.onHostAsFloat32(arrays);
  }

  /** target = (1 - tau) target + tau source. */
  static void polyak(NDArray target, NDArray source, float tau) {
    polyak(HostArrays.memory(target), HostArrays.memory(source), target.size(), tau);
  }

  /** The sum of the squares of the array's values, accumulated in double precision. */
  static double squaredSum(NDArray array) {
    return squaredSum(HostArrays.memory(array), array.size());
  }

  private static native double squaredSum(ByteBuffer values, long count);

  /**
   * Adam with the bias corrections folded into {@code stepSize}, over {@code count} floats of each
   * array's memory: g = scale * grad; m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; w -= stepSize
   * m / (sqrt(v) + eps); grad = 0.
   */
  static native void adamStep(
      ByteBuffer weight,
      ByteBuffer gradient,
      ByteBuffer firstMoment,
      ByteBuffer secondMoment,
      long count,
      float gradientScale,
      float beta1,
      float beta2,
      float stepSize,
      float epsilon);

  private static native void polyak(ByteBuffer target, ByteBuffer source, long count, float tau);
}
