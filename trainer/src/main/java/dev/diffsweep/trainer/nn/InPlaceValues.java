package dev.diffsweep.trainer.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import java.nio.ByteOrder;

/**
 * Overwrites an array's values where they are. DJL's {@code NDArray.set} instead swaps in new
 * storage through a deprecated torch mode that prints a warning about silently wrong results into
 * every run's output; for float32 CPU arrays (contiguous, like every parameter and optimiser
 * moment) writing into torch's own memory is both quiet and cheaper. Other arrays still go through
 * {@code set}.
 */
final class InPlaceValues {
  private InPlaceValues() {}

  static void overwrite(NDArray array, float[] values) {
    if (values.length != array.size()) {
      throw new IllegalArgumentException(
          values.length + " values for an array of shape " + array.getShape());
    }
    if (array.getDataType() == DataType.FLOAT32
        && Device.Type.CPU.equals(array.getDevice().getDeviceType())) {
      ((PtNDArray) array)
          .toByteBuffer(true)
          .order(ByteOrder.nativeOrder())
          .asFloatBuffer()
          .put(values);
    } else {
      array.set(values);
    }
  }
}
