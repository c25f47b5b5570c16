package dev.diffsweep.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.diffsweep.trainer.state.RandomStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An MLP initialised as CleanRL's PPO networks: orthogonal weights with gain sqrt(2) in the hidden
 * layers and a chosen gain in the output layer, zero biases; tanh (CleanRL's choice) or ReLU
 * between layers.
 */
public final class OrthogonalMlp {
  private static final double HIDDEN_GAIN = Math.sqrt(2);

  /** The nonlinearity between layers. */
  public enum Nonlinearity {
    TANH,
    RELU
  }

  private final List<DenseLayer> layers = new ArrayList<>();
  private final Nonlinearity nonlinearity;

  /**
   * @param sizes input size, hidden sizes..., output size
   */
  public OrthogonalMlp(
      ParameterGroup group,
      String name,
      Nonlinearity nonlinearity,
      double outputGain,
      RandomStream random,
      int... sizes) {
    this.nonlinearity = nonlinearity;
    for (int i = 0; i + 1 < sizes.length; i++) {
      double gain = i + 2 == sizes.length ? outputGain : HIDDEN_GAIN;
      layers.add(
          DenseLayer.orthogonal(group, name + "." + i, sizes[i], sizes[i + 1], gain, random));
    }
  }

  public NDArray forward(NDArray input) {
    NDArray x = input;
    for (int i = 0; i < layers.size(); i++) {
      x = layers.get(i).forward(x);
      if (i + 1 < layers.size()) {
        x = nonlinearity == Nonlinearity.TANH ? x.tanh() : Activation.relu(x);
      }
    }
    return x;
  }

  /** The layers, input first. */
  public List<DenseLayer> layers() {
    return List.copyOf(layers);
  }

  public Nonlinearity nonlinearity() {
    return nonlinearity;
  }
}
