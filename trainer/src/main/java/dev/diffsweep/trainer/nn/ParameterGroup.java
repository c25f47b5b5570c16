package dev.diffsweep.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.diffsweep.trainer.state.RandomStream;
import dev.diffsweep.trainer.state.StateMismatchException;
import dev.diffsweep.trainer.state.StatePart;
import dev.diffsweep.trainer.state.StateReader;
import dev.diffsweep.trainer.state.StateWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The trainable arrays of one network, in creation order. Owns their lifetime through the manager
 * it was made with; gives the optimiser, target-network updates and checkpoints one place to
 * iterate.
 */
public final class ParameterGroup implements StatePart {
  private final NDManager manager;
  private final DataType dataType;
  private final List<NDArray> parameters = new ArrayList<>();
  private final List<String> names = new ArrayList<>();

  public ParameterGroup(NDManager manager) {
    this(manager, DataType.FLOAT32);
  }

  /**
   * @param dataType FLOAT32 for training; FLOAT64 lets tests compare gradients with finite
   *     differences free of single-precision round-off
   */
  public ParameterGroup(NDManager manager, DataType dataType) {
    this.manager = manager;
    this.dataType = dataType;
  }

  public DataType dataType() {
    return dataType;
  }

  public NDManager manager() {
    return manager;
  }

  /** A new trainable array with the given values. */
  public NDArray add(String name, float[] values, Shape shape) {
    double[] wide = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      wide[i] = values[i];
    }
    return add(name, wide, shape);
  }

  /** A new trainable array with the given values, stored in the group's data type. */
  public NDArray add(String name, double[] values, Shape shape) {
    NDArray array;
    if (dataType == DataType.FLOAT64) {
      array = manager.create(values, shape);
    } else {
      float[] narrow = new float[values.length];
      for (int i = 0; i < values.length; i++) {
        narrow[i] = (float) values[i];
      }
      array = manager.create(narrow, shape);
    }
    array.setRequiresGradient(true);
    parameters.add(array);
    names.add(name);
    return array;
  }

  /** A new array drawn uniformly from [-bound, bound] (PyTorch's default for Linear layers). */
  public NDArray addUniform(String name, Shape shape, double bound, RandomStream random) {
    double[] values = new double[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (2 * random.nextDouble() - 1) * bound;
    }
    return add(name, values, shape);
  }

  /** The array created under {@code name}. */
  public NDArray array(String name) {
    int index = names.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no parameter '" + name + "'; have " + names);
    }
    return parameters.get(index);
  }

  public List<NDArray> arrays() {
    return parameters;
  }

  public long size() {
    return parameters.stream().mapToLong(p -> p.getShape().size()).sum();
  }

  /**
   * Freezes or unfreezes the group. Freezing the critic while the actor's loss flows through it
   * keeps torch from computing critic weight gradients nobody uses.
   */
  public void setTrainable(boolean trainable) {
    for (NDArray parameter : parameters) {
      JniUtils.attachGradient((PtNDArray) parameter, trainable);
    }
  }

  /** The sum of squared gradient entries (for clipping by the global gradient norm). */
  public double gradientSquaredNorm() {
    double total = 0;
    for (NDArray parameter : parameters) {
      try (NDArray gradient = parameter.getGradient()) {
        if (FusedKernels.applies(gradient)) {
          total += FusedKernels.squaredSum(gradient);
        } else {
          try (NDArray squared = gradient.square();
              NDArray sum = squared.sum()) {
            total += sum.getFloat();
          }
        }
      }
    }
    return total;
  }

  /** this = source (target networks start as copies). */
  public void copyFrom(ParameterGroup source) {
    checkSameLayout(source);
    for (int i = 0; i < parameters.size(); i++) {
      NDArray target = parameters.get(i);
      try (NDArray values = source.parameters.get(i).stopGradient()) {
        HostArrays.overwrite(target, values.toFloatArray());
      }
    }
  }

  /** this = (1 - tau) * this + tau * source, in place (Polyak averaging of target networks). */
  public void polyakFrom(ParameterGroup source, double tau) {
    checkSameLayout(source);
    for (int i = 0; i < parameters.size(); i++) {
      NDArray target = parameters.get(i);
      NDArray from = source.parameters.get(i);
      if (FusedKernels.applies(target, from)) {
        FusedKernels.polyak(target, from, (float) tau);
      } else {
        target.muli((float) (1 - tau));
        try (NDArray scaled = Scalars.multiply(from, tau)) {
          target.addi(scaled);
        }
      }
    }
  }

  @Override
  public void write(StateWriter out) throws IOException {
    out.writeInt(parameters.size());
    for (int i = 0; i < parameters.size(); i++) {
      NDArray parameter = parameters.get(i);
      out.writeString(names.get(i));
      float[] values = parameter.toFloatArray();
      out.writeFloats(values, values.length);
    }
  }

  @Override
  public void read(StateReader in) throws IOException {
    int count = in.readInt();
    if (count != parameters.size()) {
      throw new StateMismatchException(
          "stored network has " + count + " arrays, this one " + parameters.size());
    }
    for (int i = 0; i < count; i++) {
      String name = in.readString();
      if (!name.equals(names.get(i))) {
        throw new StateMismatchException(
            "stored array '" + name + "' where '" + names.get(i) + "' was expected");
      }
      NDArray parameter = parameters.get(i);
      HostArrays.overwrite(parameter, in.readFloats(Math.toIntExact(parameter.getShape().size())));
    }
  }

  /** A snapshot of every value, for tests and change detection. */
  public float[][] snapshot() {
    float[][] values = new float[parameters.size()][];
    for (int i = 0; i < values.length; i++) {
      values[i] = parameters.get(i).toFloatArray();
    }
    return values;
  }

  private void checkSameLayout(ParameterGroup other) {
    if (other.parameters.size() != parameters.size()) {
      throw new IllegalArgumentException("parameter groups differ in size");
    }
    for (int i = 0; i < parameters.size(); i++) {
      if (!parameters.get(i).getShape().equals(other.parameters.get(i).getShape())) {
        throw new IllegalArgumentException(
            "parameter " + names.get(i) + " differs in shape: " + Arrays.asList(names));
      }
    }
  }
}
