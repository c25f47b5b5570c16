package dev.diffsweep.trainer.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Between Java's arrays (the environment's double[], checkpoints' float[]) and the networks'
 * float32 arrays, including direct access to the memory of those that live on the host.
 */
public final class HostArrays {
  private HostArrays() {}

  /** One observation as a [1, n] float32 row, owned by {@code scope}. */
  public static NDArray row(NDManager scope, double[] values) {
    float[] narrow = toFloats(values);
    return floats(scope, narrow, new Shape(1, narrow.length));
  }

  /** The values narrowed to float32, as the networks take them. */
  public static float[] toFloats(double[] values) {
    float[] narrow = new float[values.length];
    for (int i = 0; i < narrow.length; i++) {
      narrow[i] = (float) values[i];
    }
    return narrow;
  }

  /**
   * The values as a one-dimensional float32 array, owned by {@code scope}. On the host the array is
   * torch's own memory, freed when the scope closes. DJL's {@code create(float[])} instead wraps a
   * Java direct buffer that lives until a garbage collection: a training loop creating its batches
   * that way kept tens of MB of them alive, and the native heap growing into fresh pages cost a
   * tenth of a WPO update in page faults.
   */
  public static NDArray floats(NDManager scope, float[] values) {
    return floats(scope, values, new Shape(values.length));
  }

  /** {@link #floats(NDManager, float[])} in the given shape. */
  public static NDArray floats(NDManager scope, float[] values, Shape shape) {
    if (!Device.Type.CPU.equals(scope.getDevice().getDeviceType())) {
      return scope.create(values, shape);
    }
    NDArray array = scope.create(shape, DataType.FLOAT32);
    overwrite(array, values);
    return array;
  }

  /** The array's values, widened to double. */
  public static double[] toDoubles(NDArray array) {
    float[] values = array.toFloatArray();
    double[] wide = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      wide[i] = values[i];
    }
    return wide;
  }

  /**
   * Whether every array is float32 in host memory, so that {@link #memory} reaches its values. They
   * must also be contiguous, which parameters, their gradients and optimiser moments are by
   * construction (created from Java arrays or as zeros; torch gives a gradient its parameter's
   * layout).
   */
  public static boolean onHostAsFloat32(NDArray... arrays) {
    for (NDArray array : arrays) {
      if (array.getDataType() != DataType.FLOAT32
          || !Device.Type.CPU.equals(array.getDevice().getDeviceType())) {
        return false;
      }
    }
    return true;
  }

  /** The array's own memory (no copy), native byte order; see {@link #onHostAsFloat32}. */
  public static ByteBuffer memory(NDArray array) {
    return ((PtNDArray) array).toByteBuffer(true).order(ByteOrder.nativeOrder());
  }

  /**
   * Overwrites an array's values where they are. DJL's {@code NDArray.set} instead swaps in new
   * storage through a deprecated torch mode that prints a warning about silently wrong results into
   * every run's output; writing into torch's own memory is both quiet and cheaper. Arrays elsewhere
   * (a GPU, float64 test networks) still go through {@code set}.
   */
  static void overwrite(NDArray array, float[] values) {
    if (values.length != array.size()) {
      throw new IllegalArgumentException(
          values.length + " values for an array of shape " + array.getShape());
    }
    if (onHostAsFloat32(array)) {
      memory(array).asFloatBuffer().put(values);
    } else {
      array.set(values);
    }
  }
}
