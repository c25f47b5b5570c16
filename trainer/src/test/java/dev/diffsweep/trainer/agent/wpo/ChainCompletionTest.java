package dev.diffsweep.trainer.agent.wpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.diffsweep.trainer.nn.GradientTape;
import dev.diffsweep.trainer.policy.ActionScaling;
import dev.diffsweep.trainer.policy.DiffusionPolicy;
import dev.diffsweep.trainer.policy.DiffusionSettings;
import dev.diffsweep.trainer.policy.DiffusionStepPolicy;
import dev.diffsweep.trainer.policy.GaussianKernel;
import dev.diffsweep.trainer.state.RandomStream;
import dev.diffsweep.trainer.testing.TorchManager;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A batch of three rows standing at chain steps 0, 1 and 2 of a K = 3 chain, completed together,
 * against each row run on alone, kernel by kernel, with the same noise.
 */
class ChainCompletionTest {
  private static final int OBS = 5;
  private static final int ACT = 2;
  private static final int STEPS = 3;
  private static final int[] STARTS = {0, 1, 2};

  @RegisterExtension final TorchManager torch = new TorchManager();
  private ActionScaling scaling;
  private DiffusionStepPolicy policy;
  private final RandomStream random = new RandomStream(11);

  @BeforeEach
  void makePolicy() {
    GradientTape.stopRecordingOnThisThread();
    DiffusionSettings settings =
        new DiffusionSettings(STEPS, 1.0, 0.17, 0.1, false, 0.25, false, 16, 2, 4, false);
    scaling = new ActionScaling(torch.manager(), new double[] {-1, -1}, new double[] {1, 1});
    DiffusionPolicy chain =
        new DiffusionPolicy(
            torch.manager(), OBS, ACT, settings, scaling, random.split(), DataType.FLOAT32);
    policy = new DiffusionStepPolicy(chain, scaling, OBS, ACT);
  }

  private NDArray gaussians(int rows, int columns) {
    float[] values = new float[rows * columns];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return torch.manager().create(values, new Shape(rows, columns));
  }

  private NDArray oneHot(int rows, int step) {
    float[] values = new float[rows * STEPS];
    for (int i = 0; i < rows; i++) {
      values[i * STEPS + step] = 1f;
    }
    return torch.manager().create(values, new Shape(rows, STEPS));
  }

  @Test
  void eachRowRunsExactlyItsRemainingStepsAndSumsTheirLogRatios() {
    int rows = STARTS.length;
    NDArray observations = gaussians(rows, OBS);
    NDArray states = gaussians(rows, ACT);
    float[] remaining = new float[rows * STEPS];
    for (int i = 0; i < rows; i++) {
      for (int j = STARTS[i]; j < STEPS; j++) {
        remaining[i * STEPS + j] = 1f;
      }
    }
    List<NDArray> noise = new ArrayList<>();
    for (int j = 0; j < STEPS; j++) {
      noise.add(gaussians(rows, ACT));
    }
    Iterator<NDArray> draws = noise.iterator();
    ChainCompletion.End end =
        ChainCompletion.run(
            torch.manager(),
            policy,
            observations,
            states,
            torch.manager().create(remaining, new Shape(rows, STEPS)),
            draws::next);

    for (int i = 0; i < rows; i++) {
      NDArray observation = observations.get(i + ":" + (i + 1));
      NDArray state = states.get(i + ":" + (i + 1));
      NDArray previous = state;
      double logRatioSum = 0;
      for (int j = STARTS[i]; j < STEPS; j++) {
        GaussianKernel kernel = policy.kernel(observation, state, oneHot(1, j));
        NDArray next = kernel.sample(noise.get(j).get(i + ":" + (i + 1)));
        logRatioSum += kernel.logRatio(state, next).getFloat();
        previous = state;
        state = next;
      }
      assertThat(end.last().get(i).toFloatArray())
          .containsExactly(state.toFloatArray(), within(1e-5f));
      assertThat(end.logRatioSum().getFloat(i)).isCloseTo((float) logRatioSum, within(1e-4f));
      NDArray expectedFeatures = policy.features(observation, previous, oneHot(1, STEPS - 1));
      assertThat(end.lastFeatures().get(i).toFloatArray())
          .containsExactly(expectedFeatures.toFloatArray(), within(1e-5f));
    }
    // The rows did move: a completion that returned its input would pass nothing above.
    assertThat(end.last().sub(states).abs().min().getFloat()).isGreaterThan(0f);
    // The target's critic sees x_K as the env does: squashed.
    assertThat(end.lastCriticInput().toFloatArray())
        .containsExactly(end.last().tanh().toFloatArray(), within(1e-6f));
  }

  /**
   * Samples far in tanh's flat tails, where float32 rounds tanh to 1. With learned step sizes the
   * critic must still tell them apart before the last step (the rest of the chain starts from them)
   * and sees the env's squashed action at the last; with fixed ones it sees tanh throughout.
   */
  @Test
  void withLearnedStepSizesTheCriticSeesTheSampleBeforeTheLastStepAndItsTanhAtTheLast() {
    DiffusionSettings learned =
        new DiffusionSettings(STEPS, 1.0, 0.17, 0.1, true, 0.25, false, 16, 2, 4, false);
    DiffusionStepPolicy learning =
        new DiffusionStepPolicy(
            new DiffusionPolicy(
                torch.manager(), OBS, ACT, learned, scaling, random.split(), DataType.FLOAT32),
            scaling,
            OBS,
            ACT);
    float[] samples = {20f, 30f};
    NDArray next = torch.manager().create(samples, new Shape(1, ACT));
    for (int step = 0; step < STEPS; step++) {
      float[] seen = learning.criticInput(next, oneHot(1, step)).toFloatArray();
      if (step < STEPS - 1) {
        assertThat(seen).containsExactly(samples);
      } else {
        assertThat(seen).containsExactly(1f, 1f);
      }
      assertThat(policy.criticInput(next, oneHot(1, step)).toFloatArray()).containsExactly(1f, 1f);
    }
  }
}
