package dev.diffsweep.trainer.agent.ppo;

import ai.djl.ndarray.NDArray;
import dev.diffsweep.trainer.natives.NativeLibraries;
import dev.diffsweep.trainer.nn.AdamOptimizer;
import dev.diffsweep.trainer.nn.DenseLayer;
import dev.diffsweep.trainer.nn.HostArrays;
import dev.diffsweep.trainer.nn.OrthogonalMlp;
import dev.diffsweep.trainer.nn.ParameterGroup;
import dev.diffsweep.trainer.policy.AugmentedPolicy;
import dev.diffsweep.trainer.policy.GaussianStepPolicy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * PPO's minibatch gradients for CleanRL's networks (a tanh MLP for the Gaussian's mean with a
 * learned log sigma, a tanh MLP for the value), computed in one native call (ppo_gradients.c)
 * instead of torch's autograd: the same losses as {@link PpoLosses} and the same gradients, to
 * float round-off.
 *
 * <p>Why: at CleanRL's sizes an update is 3.9 MFLOP, about 50 us at torch's GEMM rate, while the
 * roughly 140 torch calls that make it up cost 0.8-1.5 ms through DJL. It is opt-in ({@code
 * gradients=native}, PPO only) and refused where it cannot run: off the CPU, where the networks'
 * memory is not reachable, on a CPU without AVX2 and FMA, and for DiffPPO's chain kernel. Its float
 * round-off differs from torch's, so the path is part of the run's identity.
 *
 * <p>The gradients land in host memory of this class, in each parameter group's order, for {@link
 * dev.diffsweep.trainer.nn.AdamOptimizer#step(double, double, List)}; the parameters' own torch
 * gradients are not touched.
 */
final class FusedPpoGradients implements PpoGradients {
  private static final boolean CPU_SUPPORTED;

  static {
    NativeLibraries.load();
    CPU_SUPPORTED = available();
  }

  private final int[] policySizes;
  private final int[] valueSizes;
  private final ByteBuffer[] policyArrays;
  private final ByteBuffer[] policyGradientMemory;
  private final ByteBuffer[] valueArrays;
  private final ByteBuffer[] valueGradientMemory;
  private final ByteBuffer logStd;
  private final ByteBuffer logStdGradient;
  private final List<ByteBuffer> policyGradients;
  private final List<ByteBuffer> valueGradients;
  private final float clip;
  private final boolean clipValues;
  private final float valueCoefficient;
  private final float entropyCoefficient;
  private final float logStdMin;
  private final float logStdMax;
  private final double[] results = new double[3];

  private FusedPpoGradients(
      OrthogonalMlp mean,
      ParameterGroup policyParameters,
      GaussianStepPolicy policy,
      OrthogonalMlp value,
      ParameterGroup valueParameters,
      PpoSettings hp) {
    this.policySizes = sizes(mean);
    this.valueSizes = sizes(value);
    this.policyGradients = zerosLike(policyParameters);
    this.valueGradients = zerosLike(valueParameters);
    List<NDArray> meanArrays = policyParameters.arrays().subList(0, 2 * mean.layers().size());
    this.policyArrays = memoryOf(meanArrays);
    this.policyGradientMemory =
        policyGradients.subList(0, meanArrays.size()).toArray(ByteBuffer[]::new);
    this.valueArrays = memoryOf(valueParameters.arrays());
    this.valueGradientMemory = valueGradients.toArray(ByteBuffer[]::new);
    this.logStd = HostArrays.memory(policy.logStd());
    this.logStdGradient = policyGradients.get(meanArrays.size());
    this.clip = (float) hp.clipCoef();
    this.clipValues = hp.clipVloss();
    this.valueCoefficient = (float) hp.vfCoef();
    this.entropyCoefficient = (float) hp.entCoef();
    this.logStdMin = policy.logStdMin();
    this.logStdMax = policy.logStdMax();
  }

  /** Whether this CPU runs the native gradients (AVX2 and FMA). */
  static boolean cpuSupported() {
    return CPU_SUPPORTED;
  }

  /**
   * The native path for these networks.
   *
   * @throws IllegalArgumentException saying why it does not apply: a policy other than {@link
   *     GaussianStepPolicy} (DiffPPO), a ReLU network, arrays off the host, or a CPU without AVX2
   *     and FMA
   */
  static FusedPpoGradients require(
      AugmentedPolicy policy, OrthogonalMlp value, ParameterGroup valueParameters, PpoSettings hp) {
    FusedPpoGradients fused = forNetworks(policy, value, valueParameters, hp);
    if (fused == null) {
      throw new IllegalArgumentException(
          "gradients=native needs PPO's Gaussian policy with tanh networks in float32 CPU memory"
              + " on a CPU with AVX2 and FMA"
              + (CPU_SUPPORTED ? "" : " (this CPU lacks them)")
              + "; use gradients=torch");
    }
    return fused;
  }

  /**
   * The fused path for these networks, or null where it does not apply: a policy other than {@link
   * GaussianStepPolicy} (DiffPPO), a ReLU network, arrays off the host, or a CPU without AVX2 and
   * FMA.
   */
  static FusedPpoGradients forNetworks(
      AugmentedPolicy policy, OrthogonalMlp value, ParameterGroup valueParameters, PpoSettings hp) {
    if (!CPU_SUPPORTED || !(policy instanceof GaussianStepPolicy gaussian)) {
      return null;
    }
    OrthogonalMlp mean = gaussian.meanNetwork();
    ParameterGroup policyParameters = gaussian.parameters();
    boolean fits =
        isTanhNetworkOf(mean, policyParameters.arrays(), 1)
            && policyParameters.arrays().get(2 * mean.layers().size()) == gaussian.logStd()
            && isTanhNetworkOf(value, valueParameters.arrays(), 0)
            && HostArrays.onHostAsFloat32(policyParameters.arrays().toArray(NDArray[]::new))
            && HostArrays.onHostAsFloat32(valueParameters.arrays().toArray(NDArray[]::new));
    return fits
        ? new FusedPpoGradients(mean, policyParameters, gaussian, value, valueParameters, hp)
        : null;
  }

  /**
   * Whether {@code arrays} are exactly the network's weights and biases in layer order, followed by
   * {@code extra} more arrays.
   */
  static boolean isTanhNetworkOf(OrthogonalMlp network, List<NDArray> arrays, int extra) {
    List<DenseLayer> layers = network.layers();
    if (network.nonlinearity() != OrthogonalMlp.Nonlinearity.TANH
        || layers.size() > maxLayers()
        || arrays.size() != 2 * layers.size() + extra) {
      return false;
    }
    for (int l = 0; l < layers.size(); l++) {
      if (arrays.get(2 * l) != layers.get(l).weight()
          || arrays.get(2 * l + 1) != layers.get(l).bias()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Losses compute(Minibatch m) {
    double[] losses =
        compute(
            m.rows(),
            m.observations(),
            m.to(),
            m.oldLogDensities(),
            m.advantages(),
            m.returns(),
            m.oldValues());
    return new Losses(losses[0], losses[1]);
  }

  @Override
  public void step(AdamOptimizer policy, AdamOptimizer value, double learningRate, double scale) {
    policy.step(learningRate, scale, policyGradients);
    value.step(learningRate, scale, valueGradients);
  }

  /**
   * Fills the gradients of policy loss + vfCoef value loss - entCoef mean entropy over the {@code
   * batch} rows (row-major arrays, as {@link Ppo} gathers them; advantages already normalised if
   * they are to be) and returns {policy loss, value loss}.
   */
  double[] compute(
      int batch,
      float[] observations,
      float[] actions,
      float[] oldLogDensities,
      float[] advantages,
      float[] returns,
      float[] oldValues) {
    // The native side trusts these lengths: a mismatch would read past an array.
    int observationSize = policySizes[0];
    int actionSize = policySizes[policySizes.length - 1];
    if (observations.length != batch * observationSize
        || actions.length != batch * actionSize
        || oldLogDensities.length != batch
        || advantages.length != batch
        || returns.length != batch
        || oldValues.length != batch) {
      throw new IllegalArgumentException(
          "a PPO minibatch of "
              + batch
              + " rows needs "
              + observationSize
              + " observation and "
              + actionSize
              + " action floats per row");
    }
    int status =
        compute(
            policySizes,
            policyArrays,
            policyGradientMemory,
            logStd,
            logStdGradient,
            valueSizes,
            valueArrays,
            valueGradientMemory,
            batch,
            new float[][] {observations, actions, oldLogDensities, advantages, returns, oldValues},
            clip,
            clipValues,
            valueCoefficient,
            entropyCoefficient,
            logStdMin,
            logStdMax,
            results);
    if (status != 0) {
      throw new OutOfMemoryError("no native scratch memory for a PPO minibatch of " + batch);
    }
    return new double[] {results[0], results[1]};
  }

  @Override
  public double squaredNorm() {
    return results[2];
  }

  /**
   * The policy's gradients as float32 host memory, one per array of its parameter group, in order.
   */
  List<ByteBuffer> policyGradients() {
    return policyGradients;
  }

  /** The value network's gradients, likewise. */
  List<ByteBuffer> valueGradients() {
    return valueGradients;
  }

  static int[] sizes(OrthogonalMlp network) {
    List<DenseLayer> layers = network.layers();
    int[] sizes = new int[layers.size() + 1];
    sizes[0] = layers.get(0).inputs();
    for (int l = 0; l < layers.size(); l++) {
      sizes[l + 1] = layers.get(l).outputs();
    }
    return sizes;
  }

  static List<ByteBuffer> zerosLike(ParameterGroup group) {
    List<ByteBuffer> zeros = new ArrayList<>();
    for (NDArray parameter : group.arrays()) {
      zeros.add(
          ByteBuffer.allocateDirect(Math.toIntExact(parameter.size()) * Float.BYTES)
              .order(ByteOrder.nativeOrder()));
    }
    return List.copyOf(zeros);
  }

  static ByteBuffer[] memoryOf(List<NDArray> arrays) {
    return arrays.stream().map(HostArrays::memory).toArray(ByteBuffer[]::new);
  }

  private static native boolean available();

  private static native int maxLayers();

  private static native int compute(
      int[] policySizes,
      ByteBuffer[] policyArrays,
      ByteBuffer[] policyGradients,
      ByteBuffer logStd,
      ByteBuffer logStdGradient,
      int[] valueSizes,
      ByteBuffer[] valueArrays,
      ByteBuffer[] valueGradients,
      int batch,
      float[][] rows,
      float clip,
      boolean clipValues,
      float valueCoefficient,
      float entropyCoefficient,
      float logStdMin,
      float logStdMax,
      double[] results);
}
