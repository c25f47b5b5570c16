package dev.diffsweep.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import dev.diffsweep.trainer.state.RandomStream;

/** y = x W^T + b, initialised as torch.nn.Linear (uniform in ±1/sqrt(fan_in)). */
public final class DenseLayer {
  private final NDArray weight;
  private final NDArray bias;
  private final int inputs;
  private final int outputs;

  public DenseLayer(
      ParameterGroup group, String name, int inputs, int outputs, RandomStream random) {
    this(group, name, inputs, outputs, random, 1.0);
  }

  /**
   * @param initScale multiplies the default initialisation; a small value starts the layer near
   *     zero (the diffusion policy's output layer)
   */
  public DenseLayer(
      ParameterGroup group,
      String name,
      int inputs,
      int outputs,
      RandomStream random,
      double initScale) {
    double bound = initScale / Math.sqrt(inputs);
    this.weight = group.addUniform(name + ".weight", new Shape(outputs, inputs), bound, random);
    this.bias = group.addUniform(name + ".bias", new Shape(outputs), bound, random);
    this.inputs = inputs;
    this.outputs = outputs;
  }

  private DenseLayer(NDArray weight, NDArray bias, int inputs, int outputs) {
    this.weight = weight;
    this.bias = bias;
    this.inputs = inputs;
    this.outputs = outputs;
  }

  /** A layer with orthogonal weights times {@code gain} and zero biases (CleanRL's PPO layers). */
  public static DenseLayer orthogonal(
      ParameterGroup group,
      String name,
      int inputs,
      int outputs,
      double gain,
      RandomStream random) {
    NDArray weight =
        group.add(
            name + ".weight",
            Orthogonal.matrix(outputs, inputs, gain, random),
            new Shape(outputs, inputs));
    NDArray bias = group.add(name + ".bias", new double[outputs], new Shape(outputs));
    return new DenseLayer(weight, bias, inputs, outputs);
  }

  public NDArray forward(NDArray input) {
    return Linear.linear(input, weight, bias).singletonOrThrow();
  }

  /** Forward with another bias (the diffusion policy adds a per-step time embedding here). */
  public NDArray forwardWithBias(NDArray input, NDArray otherBias) {
    return Linear.linear(input, weight, otherBias).singletonOrThrow();
  }

  public NDArray weight() {
    return weight;
  }

  public NDArray bias() {
    return bias;
  }

  public int inputs() {
    return inputs;
  }

  public int outputs() {
    return outputs;
  }
}
