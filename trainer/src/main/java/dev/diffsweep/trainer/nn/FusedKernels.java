package dev.diffsweep.trainer.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import dev.diffsweep.trainer.natives.NativeLibraries;
import java.nio.ByteBuffer;

/**
 * One-pass optimiser updates on float32 CPU arrays, in our native library (fused_kernels.c). DJL's
 * Adam makes about a dozen passes over memory per array and a Polyak average three; on the CPU
 * these passes were a tenth of a SAC update. Arrays elsewhere (a GPU) take DJL's operations.
 */
final class FusedKernels {
  static {
    NativeLibraries.load();
  }

  private FusedKernels() {}

  /**
   * Whether the kernels can update these arrays in place: float32 on the CPU. They must also be
   * contiguous, which parameters, their gradients and optimiser moments are by construction
   * (created from Java arrays or as zeros; torch gives a gradient its parameter's layout).
   */
  static boolean applies(NDArray... arrays) {
    for (NDArray array : arrays) {
      if (array.getDataType() != DataType.FLOAT32
          || !Device.Type.CPU.equals(array.getDevice().getDeviceType())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Adam with the bias corrections folded into {@code stepSize}: g = scale * grad; m = b1 m + (1 -
   * b1) g; v = b2 v + (1 - b2) g^2; w -= stepSize m / (sqrt(v) + eps); grad = 0.
   */
  static void adamStep(
      NDArray weight,
      NDArray gradient,
      NDArray firstMoment,
      NDArray secondMoment,
      float gradientScale,
      float beta1,
      float beta2,
      float stepSize,
      float epsilon) {
    adamStep(
        memory(weight),
        memory(gradient),
        memory(firstMoment),
        memory(secondMoment),
        weight.size(),
        gradientScale,
        beta1,
        beta2,
        stepSize,
        epsilon);
  }

  /** target = (1 - tau) target + tau source. */
  static void polyak(NDArray target, NDArray source, float tau) {
    polyak(memory(target), memory(source), target.size(), tau);
  }

  /** The array's own memory (no copy). */
  private static ByteBuffer memory(NDArray array) {
    return ((PtNDArray) array).toByteBuffer(true);
  }

  private static native void adamStep(
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
