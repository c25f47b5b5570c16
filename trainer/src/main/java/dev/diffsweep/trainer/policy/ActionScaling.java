package dev.diffsweep.trainer.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.diffsweep.trainer.env.TaskSpec;

/**
 * Maps tanh outputs in (-1, 1) to the actuator range: a = y * scale + bias, scale = (high - low) /
 * 2, bias = (high + low) / 2. Also the log-density correction of that map composed with tanh,
 * CleanRL's log(scale * (1 - y^2) + 1e-6) per dimension.
 */
public final class ActionScaling {
  static final float TANH_EPSILON = 1e-6f;

  private final NDArray scale;
  private final NDArray bias;
  // Most tasks' actuators span [-1, 1]; then the map is the identity and its work is skipped.
  private final boolean identity;

  public ActionScaling(NDManager manager, double[] low, double[] high) {
    float[] scales = new float[low.length];
    float[] biases = new float[low.length];
    boolean unit = true;
    for (int i = 0; i < low.length; i++) {
      scales[i] = (float) ((high[i] - low[i]) / 2);
      biases[i] = (float) ((high[i] + low[i]) / 2);
      unit &= scales[i] == 1f && biases[i] == 0f;
    }
    this.identity = unit;
    this.scale = manager.create(scales, new Shape(low.length));
    this.bias = manager.create(biases, new Shape(low.length));
  }

  public static ActionScaling of(NDManager manager, TaskSpec spec) {
    return new ActionScaling(manager, spec.actionLow(), spec.actionHigh());
  }

  public NDArray toActuatorRange(NDArray squashed) {
    return identity ? squashed : squashed.mul(scale).add(bias);
  }

  /** sum_i log(scale_i (1 - y_i^2) + eps), shape [B]: subtract it from the pre-tanh density. */
  public NDArray logJacobian(NDArray squashed) {
    NDArray derivative = squashed.square().neg().add(1f);
    if (!identity) {
      derivative = derivative.mul(scale);
    }
    return derivative.add(TANH_EPSILON).log().sum(new int[] {1});
  }
}
