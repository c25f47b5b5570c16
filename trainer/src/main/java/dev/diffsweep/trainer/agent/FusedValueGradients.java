package dev.diffsweep.trainer.agent;

import ai.djl.ndarray.NDArray;
import dev.diffsweep.trainer.natives.NativeLibraries;
import dev.diffsweep.trainer.nn.HostArrays;
import dev.diffsweep.trainer.nn.OrthogonalMlp;
import dev.diffsweep.trainer.nn.ParameterGroup;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The value network's share of a PPO minibatch's gradients, vfCoef times the (clipped) value loss
 * of {@link PpoLosses}, for a tanh MLP in one native call (ppo_gradients.c), while torch's autograd
 * keeps the policy's share. The same gradients as autograd's, to float round-off.
 *
 * <p>Why: DiffPPO's denoiser stays on torch, but its value network V(s, x_k, k) is CleanRL's
 * 64-unit tanh MLP, whose forward, loss and backward took about 1 ms of torch calls per 512-row
 * minibatch (measured with timers in {@link Ppo}, 2026-12-03) for about 0.1 ms of arithmetic.
 *
 * <p>The gradients land in host memory of this class, in the value group's order, for {@link
 * dev.diffsweep.trainer.nn.AdamOptimizer#step(double, double, List)}.
 */
final class FusedValueGradients {
  static {
    NativeLibraries.load();
  }

  private final int[] sizes;
  private final ByteBuffer[] arrays;
  private final List<ByteBuffer> gradients;
  private final ByteBuffer[] gradientMemory;
  private final float[] settings;
  private final double[] results = new double[2];

  private FusedValueGradients(OrthogonalMlp value, ParameterGroup valueParameters, PpoSettings hp) {
    this.sizes = FusedPpoGradients.sizes(value);
    this.arrays = FusedPpoGradients.memoryOf(valueParameters.arrays());
    this.gradients = FusedPpoGradients.zerosLike(valueParameters);
    this.gradientMemory = gradients.toArray(ByteBuffer[]::new);
    this.settings =
        new float[] {(float) hp.clipCoef(), hp.clipVloss() ? 1f : 0f, (float) hp.vfCoef()};
  }

  /**
   * The native path for this value network, or null where it does not apply: a ReLU network, arrays
   * off the host, or a CPU without AVX2 and FMA.
   */
  static FusedValueGradients forNetwork(
      OrthogonalMlp value, ParameterGroup valueParameters, PpoSettings hp) {
    boolean fits =
        FusedPpoGradients.cpuSupported()
            && FusedPpoGradients.isTanhNetworkOf(value, valueParameters.arrays(), 0)
            && HostArrays.onHostAsFloat32(valueParameters.arrays().toArray(NDArray[]::new));
    return fits ? new FusedValueGradients(value, valueParameters, hp) : null;
  }

  /**
   * Fills the gradients of vfCoef times the value loss over the {@code batch} rows of {@code
   * features} (row-major, the value network's inputs) and returns the value loss.
   */
  double compute(int batch, float[] features, float[] returns, float[] oldValues) {
    // The native side trusts these lengths: a mismatch would read past an array.
    if (features.length != batch * sizes[0]
        || returns.length != batch
        || oldValues.length != batch) {
      throw new IllegalArgumentException(
          "a value minibatch of " + batch + " rows needs " + sizes[0] + " feature floats per row");
    }
    int status =
        compute(
            sizes, arrays, gradientMemory, batch, features, returns, oldValues, settings, results);
    if (status != 0) {
      throw new OutOfMemoryError("no native scratch memory for a value minibatch of " + batch);
    }
    return results[0];
  }

  /** The squared norm of the last {@link #compute}'s gradients. */
  double squaredNorm() {
    return results[1];
  }

  /** The gradients as float32 host memory, one per array of the value group, in order. */
  List<ByteBuffer> gradients() {
    return gradients;
  }

  private static native int compute(
      int[] sizes,
      ByteBuffer[] arrays,
      ByteBuffer[] gradients,
      int batch,
      float[] features,
      float[] returns,
      float[] oldValues,
      float[] settings,
      double[] results);
}
