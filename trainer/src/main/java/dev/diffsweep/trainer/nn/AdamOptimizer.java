package dev.diffsweep.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.diffsweep.trainer.state.StateMismatchException;
import dev.diffsweep.trainer.state.StatePart;
import dev.diffsweep.trainer.state.StateReader;
import dev.diffsweep.trainer.state.StateWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015) with torch.optim.Adam's defaults, over one {@link ParameterGroup}.
 * Written here rather than taken from DJL because a checkpoint needs its moment estimates and step
 * count, which DJL's optimiser keeps private. The update itself is one native pass per array
 * ({@link FusedKernels}) on the CPU, the engine's Adam kernel elsewhere.
 */
public final class AdamOptimizer implements StatePart {
  private final ParameterGroup group;
  private final double learningRate;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final List<NDArray> firstMoments = new ArrayList<>();
  private final List<NDArray> secondMoments = new ArrayList<>();

  /**
   * Per parameter, the memory of the parameter and of its two moments, or null where the fused
   * kernel does not apply. Looked up once: each lookup is a call into torch, and an update of PPO's
   * small networks made 60 of them. The arrays are only ever written in place, so it stays valid.
   */
  private final ByteBuffer[][] hostMemory;

  private long steps;

  public AdamOptimizer(ParameterGroup group, double learningRate) {
    this(group, learningRate, 0.9, 0.999, 1e-8);
  }

  public AdamOptimizer(
      ParameterGroup group, double learningRate, double beta1, double beta2, double epsilon) {
    this.group = group;
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    for (NDArray parameter : group.arrays()) {
      firstMoments.add(group.manager().zeros(parameter.getShape(), parameter.getDataType()));
      secondMoments.add(group.manager().zeros(parameter.getShape(), parameter.getDataType()));
    }
    this.hostMemory = new ByteBuffer[firstMoments.size()][];
    for (int i = 0; i < hostMemory.length; i++) {
      NDArray[] arrays = {group.arrays().get(i), firstMoments.get(i), secondMoments.get(i)};
      if (FusedKernels.applies(arrays)) {
        hostMemory[i] = new ByteBuffer[3];
        for (int j = 0; j < 3; j++) {
          hostMemory[i][j] = HostArrays.memory(arrays[j]);
        }
      }
    }
  }

  /** Applies the accumulated gradients, then zeroes them for the next backward pass. */
  public void step() {
    step(learningRate, 1.0);
  }

  /**
   * A step with another learning rate (annealed schedules) and the gradients multiplied by {@code
   * gradientScale} first (gradient-norm clipping), inside the same fused kernel.
   */
  public void step(double learningRate, double gradientScale) {
    double correctedRate = nextCorrectedRate(learningRate);
    List<NDArray> parameters = group.arrays();
    for (int i = 0; i < parameters.size(); i++) {
      NDArray parameter = parameters.get(i);
      try (NDArray gradient = parameter.getGradient()) {
        if (hostMemory[i] != null && FusedKernels.applies(gradient)) {
          fusedStep(i, HostArrays.memory(gradient), correctedRate, gradientScale);
        } else {
          engineStep(
              parameter,
              gradient,
              firstMoments.get(i),
              secondMoments.get(i),
              learningRate,
              correctedRate,
              gradientScale);
        }
      }
    }
  }

  /**
   * A step with gradients computed outside torch's autograd, as float32 host memory, one per
   * parameter in the group's order; they are zeroed afterwards, as the parameters' own are. The
   * parameters must be on the host too.
   */
  public void step(double learningRate, double gradientScale, List<ByteBuffer> hostGradients) {
    if (hostGradients.size() != hostMemory.length) {
      throw new IllegalArgumentException(
          hostGradients.size() + " gradients for " + hostMemory.length + " parameters");
    }
    double correctedRate = nextCorrectedRate(learningRate);
    for (int i = 0; i < hostMemory.length; i++) {
      if (hostMemory[i] == null) {
        throw new IllegalStateException("parameter " + i + " is not float32 host memory");
      }
      fusedStep(i, hostGradients.get(i), correctedRate, gradientScale);
    }
  }

  /** Counts the step and returns its learning rate with both bias corrections folded in. */
  private double nextCorrectedRate(double learningRate) {
    steps++;
    // The fused kernel computes w -= lr_t * m / (sqrt(v) + eps); folding both bias corrections
    // into lr_t is the form of the original paper.
    return learningRate * Math.sqrt(1 - Math.pow(beta2, steps)) / (1 - Math.pow(beta1, steps));
  }

  private void fusedStep(
      int index, ByteBuffer gradient, double correctedRate, double gradientScale) {
    ByteBuffer[] memory = hostMemory[index];
    FusedKernels.adamStep(
        memory[0],
        gradient,
        memory[1],
        memory[2],
        firstMoments.get(index).size(),
        (float) gradientScale,
        (float) beta1,
        (float) beta2,
        (float) correctedRate,
        (float) epsilon);
  }

  /** The engine's Adam kernel, for arrays the fused kernel does not cover (a GPU). */
  private void engineStep(
      NDArray parameter,
      NDArray gradient,
      NDArray first,
      NDArray second,
      double learningRate,
      double correctedRate,
      double gradientScale) {
    NDList inputs = new NDList(parameter, gradient, first, second);
    // The moments are updated in place; the kernel takes the weight alone as its output and
    // zeroes its gradient afterwards (PtNDArrayEx.adamUpdate), ready for the next backward.
    NDList outputs = new NDList(parameter);
    parameter
        .getNDArrayInternal()
        .adamUpdate(
            inputs,
            outputs,
            (float) learningRate,
            (float) correctedRate,
            0f,
            (float) gradientScale,
            -1f,
            (float) beta1,
            (float) beta2,
            (float) epsilon,
            false,
            false);
  }

  public long steps() {
    return steps;
  }

  @Override
  public void write(StateWriter out) throws IOException {
    out.writeTag("adam");
    out.writeLong(steps);
    out.writeInt(firstMoments.size());
    for (int i = 0; i < firstMoments.size(); i++) {
      float[] m = firstMoments.get(i).toFloatArray();
      float[] v = secondMoments.get(i).toFloatArray();
      out.writeFloats(m, m.length);
      out.writeFloats(v, v.length);
    }
  }

  @Override
  public void read(StateReader in) throws IOException {
    in.expectTag("adam");
    steps = in.readLong();
    int count = in.readInt();
    if (count != firstMoments.size()) {
      throw new StateMismatchException(
          "stored optimiser has " + count + " arrays, this one " + firstMoments.size());
    }
    for (int i = 0; i < count; i++) {
      int size = Math.toIntExact(firstMoments.get(i).getShape().size());
      HostArrays.overwrite(firstMoments.get(i), in.readFloats(size));
      HostArrays.overwrite(secondMoments.get(i), in.readFloats(size));
    }
  }
}
