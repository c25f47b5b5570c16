package dev.diffsweep.trainer.agent.wpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.diffsweep.trainer.nn.HostArrays;
import dev.diffsweep.trainer.policy.AugmentedPolicy;
import dev.diffsweep.trainer.policy.GaussianKernel;
import java.util.function.Supplier;

/**
 * Runs the current chain, without gradients, from each row's augmented state to x_K: step j moves
 * only the rows for which it still lies ahead, so every row ends at x_K with the log-ratios of
 * exactly its own remaining steps summed. The off-policy critic target of {@link Wpo} asks the last
 * step's critic at that end.
 */
final class ChainCompletion {
  private ChainCompletion() {}

  /**
   * The last augmented step (s, x_{K-1}, K-1) as critic features, x_K, x_K as the critic sees it
   * and the summed l_j, [B].
   */
  record End(NDArray lastFeatures, NDArray last, NDArray lastCriticInput, NDArray logRatioSum) {}

  /**
   * @param observations s per row, [B, obs]
   * @param states the rows' current chain samples, [B, d]
   * @param remaining [B, K]: 1 in column j where step j lies ahead of the row's state, else 0
   * @param noise standard-normal [B, d], drawn once per chain step in order
   */
  static End run(
      NDManager scope,
      AugmentedPolicy policy,
      NDArray observations,
      NDArray states,
      NDArray remaining,
      Supplier<NDArray> noise) {
    int rows = (int) states.getShape().get(0);
    int diffusionSteps = policy.diffusionSteps();
    NDArray state = states;
    NDArray logRatioSum = scope.zeros(new Shape(rows));
    NDArray lastFeatures = null;
    NDArray lastStepOneHot = null;
    for (int j = 0; j < diffusionSteps; j++) {
      float[] oneHot = new float[rows * diffusionSteps];
      for (int i = 0; i < rows; i++) {
        oneHot[i * diffusionSteps + j] = 1f;
      }
      NDArray stepOneHot = HostArrays.floats(scope, oneHot, new Shape(rows, diffusionSteps));
      if (j == diffusionSteps - 1) {
        lastFeatures = policy.features(observations, state, stepOneHot);
        lastStepOneHot = stepOneHot;
      }
      GaussianKernel kernel = policy.kernel(observations, state, stepOneHot);
      NDArray next = kernel.sample(noise.get());
      NDArray ahead = remaining.get(":, " + j + ":" + (j + 1));
      logRatioSum = logRatioSum.add(kernel.logRatio(state, next).mul(ahead.squeeze(1)));
      state = next.mul(ahead).add(state.mul(ahead.neg().add(1f)));
    }
    return new End(lastFeatures, state, policy.criticInput(state, lastStepOneHot), logRatioSum);
  }
}
