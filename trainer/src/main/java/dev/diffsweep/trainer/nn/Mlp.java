package dev.diffsweep.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.diffsweep.trainer.state.RandomStream;
import java.util.ArrayList;
import java.util.List;

/** A ReLU multilayer perceptron: Linear, ReLU, ..., Linear (no activation after the last). */
public final class Mlp {
  private final List<DenseLayer> layers = new ArrayList<>();

  /**
   * @param sizes input size, hidden sizes..., output size
   */
  public Mlp(ParameterGroup group, String name, RandomStream random, int... sizes) {
    for (int i = 0; i + 1 < sizes.length; i++) {
      layers.add(new DenseLayer(group, name + "." + i, sizes[i], sizes[i + 1], random));
    }
  }

  public NDArray forward(NDArray input) {
    NDArray x = input;
    for (int i = 0; i < layers.size(); i++) {
      x = layers.get(i).forward(x);
      if (i + 1 < layers.size()) {
        x = Activation.relu(x);
      }
    }
    return x;
  }

  public List<DenseLayer> layers() {
    return layers;
  }
}
