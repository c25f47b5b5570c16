package dev.diffsweep.trainer.agent.offpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.diffsweep.trainer.nn.GradientTape;
import dev.diffsweep.trainer.state.RandomStream;
import dev.diffsweep.trainer.testing.TorchManager;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The twin critic against two plain ReLU networks computed in double precision from its own
 * parameters, and its action gradient (what SAC's actor and WPO's flow follow) against finite
 * differences: a layout change that cut the graph or mixed the two networks fails here.
 */
class TwinCriticTest {
  private static final int OBS = 3;
  private static final int ACT = 2;
  private static final int HIDDEN = 5;
  private static final int ROWS = 4;

  @RegisterExtension final TorchManager torch = new TorchManager();
  private TwinCritic critic;
  private final RandomStream random = new RandomStream(21);

  @BeforeEach
  void makeCritic() {
    critic = new TwinCritic(torch.manager(), OBS, ACT, HIDDEN, random.split());
  }

  private double[][] gaussians(int rows, int columns) {
    double[][] values = new double[rows][columns];
    for (double[] row : values) {
      for (int j = 0; j < columns; j++) {
        row[j] = random.nextGaussian();
      }
    }
    return values;
  }

  private NDArray array(double[][] values) {
    float[] flat = new float[values.length * values[0].length];
    for (int i = 0; i < values.length; i++) {
      for (int j = 0; j < values[0].length; j++) {
        flat[i * values[0].length + j] = (float) values[i][j];
      }
    }
    return torch.manager().create(flat, new Shape(values.length, values[0].length));
  }

  /**
   * Q_copy(s, a) in double precision from the network's weights [out, in] and biases [out], the
   * first network's three layers before the second's.
   */
  private double reference(int copy, double[] observation, double[] action) {
    List<NDArray> arrays = critic.parameters().arrays();
    double[] x = new double[OBS + ACT];
    System.arraycopy(observation, 0, x, 0, OBS);
    System.arraycopy(action, 0, x, OBS, ACT);
    for (int layer = 0; layer < 3; layer++) {
      float[] w = arrays.get(6 * copy + 2 * layer).toFloatArray();
      float[] b = arrays.get(6 * copy + 2 * layer + 1).toFloatArray();
      int inputs = x.length;
      int outputs = w.length / inputs;
      double[] y = new double[outputs];
      for (int o = 0; o < outputs; o++) {
        double sum = b[o];
        for (int i = 0; i < inputs; i++) {
          sum += x[i] * w[o * inputs + i];
        }
        y[o] = layer < 2 ? Math.max(0, sum) : sum;
      }
      x = y;
    }
    return x[0];
  }

  @Test
  void bothNetworksAreTwoIndependentReluMlpsAndMinTakesTheSmaller() {
    double[][] observations = gaussians(ROWS, OBS);
    double[][] actions = gaussians(ROWS, ACT);
    GradientTape.stopRecordingOnThisThread();
    float[] both = critic.both(array(observations), array(actions)).toFloatArray();
    float[] min = critic.min(array(observations), array(actions)).toFloatArray();
    for (int row = 0; row < ROWS; row++) {
      double first = reference(0, observations[row], actions[row]);
      double second = reference(1, observations[row], actions[row]);
      assertThat((double) both[row]).isCloseTo(first, within(1e-5));
      assertThat((double) both[ROWS + row]).isCloseTo(second, within(1e-5));
      assertThat((double) min[row]).isCloseTo(Math.min(first, second), within(1e-5));
    }
    assertThat(both[0]).isNotEqualTo(both[ROWS]);
  }

  @Test
  void actionGradientOfTheMinimumMatchesFiniteDifferences() {
    double[][] observations = gaussians(ROWS, OBS);
    double[][] actions = gaussians(ROWS, ACT);
    NDArray actionInput = array(actions);
    actionInput.setRequiresGradient(true);
    critic.parameters().setTrainable(false);
    try (GradientTape tape = GradientTape.open()) {
      tape.backward(critic.min(array(observations), actionInput).sum());
    } finally {
      critic.parameters().setTrainable(true);
    }
    float[] gradient = actionInput.getGradient().toFloatArray();
    double step = 1e-4;
    for (int row = 0; row < ROWS; row++) {
      for (int j = 0; j < ACT; j++) {
        double[] plus = actions[row].clone();
        double[] minus = actions[row].clone();
        plus[j] += step;
        minus[j] -= step;
        double difference =
            (Math.min(reference(0, observations[row], plus), reference(1, observations[row], plus))
                    - Math.min(
                        reference(0, observations[row], minus),
                        reference(1, observations[row], minus)))
                / (2 * step);
        assertThat((double) gradient[row * ACT + j]).isCloseTo(difference, within(1e-3));
      }
    }
    assertThat(gradient).isNotEqualTo(new float[ROWS * ACT]);
  }
}
