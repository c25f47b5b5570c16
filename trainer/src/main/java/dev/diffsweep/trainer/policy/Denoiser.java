package dev.diffsweep.trainer.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import dev.diffsweep.trainer.nn.DenseLayer;
import dev.diffsweep.trainer.nn.ParameterGroup;
import dev.diffsweep.trainer.state.RandomStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The denoiser f(x_k, s, k) of docs/ALGORITHMS.md, section 2.3: an MLP over [s, x_k, Fourier
 * features of k/K]. Its first layer is split by input block: the observation's share is computed
 * once per chain rather than K times, and the time features' share (with the bias) is one small
 * product for all K steps; mathematically the same MLP. The output layer starts near zero, so an
 * untrained chain is the prior's Langevin dynamics.
 */
final class Denoiser {
  private static final double OUTPUT_INIT_SCALE = 1e-3;

  private final NDArray observationWeight; // [obs, h]: s W_s^T as s.matMul(this)
  private final NDArray actionWeight; // [h, d]
  private final NDArray timeWeight; // [h, T]
  private final NDArray firstBias; // [h]
  private final List<DenseLayer> hiddenLayers = new ArrayList<>();
  private final DenseLayer output;

  /** Its parameters, named {@code name}.*, are added to {@code parameters}. */
  Denoiser(
      ParameterGroup parameters,
      String name,
      int observationSize,
      int actionSize,
      DiffusionSettings settings,
      RandomStream random) {
    int h = settings.hidden();
    int t = settings.timeFeatures();
    double bound = 1 / Math.sqrt(observationSize + actionSize + t);
    observationWeight =
        parameters.addUniform(name + ".in.obs", new Shape(observationSize, h), bound, random);
    actionWeight = parameters.addUniform(name + ".in.act", new Shape(h, actionSize), bound, random);
    timeWeight = parameters.addUniform(name + ".in.time", new Shape(h, t), bound, random);
    firstBias = parameters.addUniform(name + ".in.bias", new Shape(h), bound, random);
    for (int i = 1; i < settings.hiddenLayers(); i++) {
      hiddenLayers.add(new DenseLayer(parameters, name + ".hidden" + i, h, h, random));
    }
    output = new DenseLayer(parameters, name + ".out", h, actionSize, random, OUTPUT_INIT_SCALE);
  }

  /** The observation's share of the first layer, [B, h]: computed once for a whole chain. */
  NDArray observationShare(NDArray observations) {
    return observations.matMul(observationWeight);
  }

  /** The time features' share of the first layer with its bias, [K, h]: one row per step. */
  NDArray timeShare(NDArray timeFeatures) {
    return Linear.linear(timeFeatures, timeWeight, firstBias).singletonOrThrow();
  }

  /** f for one step of a chain: {@code timeBias} is that step's row of {@link #timeShare}. */
  NDArray forward(NDArray observationShare, NDArray timeBias, NDArray x) {
    NDArray h =
        Activation.relu(
            Linear.linear(x, actionWeight, timeBias).singletonOrThrow().add(observationShare));
    return rest(h);
  }

  /** f for rows at different steps (one-hot [B, K]). */
  NDArray forwardRows(NDArray observations, NDArray x, NDArray stepOneHot, NDArray timeFeatures) {
    NDManager scope = observations.getManager();
    // The transposed view would otherwise live on the parameters' manager for the whole run.
    NDArray actionWeightTransposed = actionWeight.transpose();
    actionWeightTransposed.attach(scope);
    // The first layer as one product of [x, s, one-hot k] with the stacked blocks [W_x^T; W_s;
    // time share]: one pass over the [B, h] output instead of three products and two sums.
    NDArray firstWeight =
        NDArrays.concat(
            new NDList(actionWeightTransposed, observationWeight, timeShare(timeFeatures)), 0);
    NDArray h =
        Activation.relu(
            NDArrays.concat(new NDList(x, observations, stepOneHot), 1).matMul(firstWeight));
    return rest(h);
  }

  private NDArray rest(NDArray firstHidden) {
    NDArray h = firstHidden;
    for (DenseLayer layer : hiddenLayers) {
      h = Activation.relu(layer.forward(h));
    }
    return output.forward(h);
  }
}
