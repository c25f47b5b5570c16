package dev.diffsweep.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Between the environment's double[] and the networks' float32 arrays. */
public final class HostArrays {
  private HostArrays() {}

  /** One observation as a [1, n] float32 row, owned by {@code scope}. */
  public static NDArray row(NDManager scope, double[] values) {
    float[] narrow = new float[values.length];
    for (int i = 0; i < narrow.length; i++) {
      narrow[i] = (float) values[i];
    }
    return scope.create(narrow, new Shape(1, narrow.length));
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
}
