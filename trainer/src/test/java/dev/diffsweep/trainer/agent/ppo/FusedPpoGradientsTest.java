package dev.diffsweep.trainer.agent.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.withinPercentage;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.diffsweep.trainer.env.TaskSpec;
import dev.diffsweep.trainer.nn.HostArrays;
import dev.diffsweep.trainer.nn.OrthogonalMlp;
import dev.diffsweep.trainer.nn.ParameterGroup;
import dev.diffsweep.trainer.nn.TorchRuntime;
import dev.diffsweep.trainer.policy.GaussianStepPolicy;
import dev.diffsweep.trainer.state.RandomStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two PPO gradient paths against each other on the same networks and minibatch: the opt-in
 * native one ({@link FusedPpoGradients}) and the default, torch's autograd through {@link
 * PpoLosses} ({@link TorchPpoGradients}): every parameter's gradient, both losses and the norm.
 */
class FusedPpoGradientsTest {
  private static final double LOG_STD_MIN = -20;
  private static final double LOG_STD_MAX = 2;

  static {
    TorchRuntime.engine();
  }

  // JUnit makes an instance per test: a manager per test.
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void closeManager() {
    manager.close();
  }

  /** One configuration of networks and losses, and a random minibatch for it. */
  private record Case(
      int observations, int hidden, int actions, int batch, double logStdInit, PpoSettings hp) {
    static Case of(
        int observations,
        int hidden,
        int actions,
        int batch,
        double logStdInit,
        boolean clipValues,
        double entCoef) {
      PpoSettings hp =
          new PpoSettings(
              1,
              2048,
              3e-4,
              true,
              0.99,
              0.95,
              32,
              10,
              true,
              0.2,
              clipValues,
              entCoef,
              0.7,
              0.5,
              hidden,
              true,
              true,
              10,
              10);
      return new Case(observations, hidden, actions, batch, logStdInit, hp);
    }
  }

  @Test
  void matchesAutogradAtCleanRlSizes() {
    assertMatchesAutograd(Case.of(17, 64, 6, 64, -0.3, true, 0.0), 1);
  }

  @Test
  void matchesAutogradAtWidthsAndBatchOffTheVectorLength() {
    // Hidden 24 and batch 37 leave 8-wide and single-column remainders in every product; the
    // unclipped value loss and an entropy bonus are the other branches of the losses.
    assertMatchesAutograd(Case.of(5, 24, 3, 37, 0.4, false, 0.01), 2);
  }

  @Test
  void aClampedLogStdGetsNoGradient() {
    // log sigma starts above its clamp: torch's clamp passes no gradient there.
    float[] logStdGradient = assertMatchesAutograd(Case.of(4, 16, 2, 16, 2.5, true, 0.01), 3);
    assertThat(logStdGradient).containsOnly(0f);
  }

  @Test
  void reluNetworksAndOtherPoliciesHaveNoNativePath() {
    RandomStream random = new RandomStream(4);
    ParameterGroup valueParameters = new ParameterGroup(manager);
    OrthogonalMlp reluValue =
        new OrthogonalMlp(
            valueParameters, "value", OrthogonalMlp.Nonlinearity.RELU, 1.0, random, 3, 8, 8, 1);
    GaussianStepPolicy policy = policy(3, 8, 2, 0.0, random);
    PpoSettings hp = PpoHyperparameters.defaults().ppo();
    assertThat(FusedPpoGradients.forNetworks(policy, reluValue, valueParameters, hp)).isNull();
    assertThatThrownBy(() -> FusedPpoGradients.require(policy, reluValue, valueParameters, hp))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("gradients=native needs PPO's Gaussian policy")
        .hasMessageEndingWith("use gradients=torch");
  }

  /** Returns the fused log-std gradient after checking everything against autograd. */
  private float[] assertMatchesAutograd(Case c, long seed) {
    RandomStream random = new RandomStream(seed);
    GaussianStepPolicy policy =
        policy(c.observations(), c.hidden(), c.actions(), c.logStdInit(), random);
    ParameterGroup valueParameters = new ParameterGroup(manager);
    OrthogonalMlp value = tanhValue(valueParameters, c, random);
    FusedPpoGradients fused = FusedPpoGradients.forNetworks(policy, value, valueParameters, c.hp());
    assertThat(fused).as("the fused path applies to CleanRL's networks on the CPU").isNotNull();

    int b = c.batch();
    float[] observations = gaussian(random, b * c.observations(), 1);
    float[] actions = gaussian(random, b * c.actions(), 1);
    float[] advantages = gaussian(random, b, 1);
    float[] returns = gaussian(random, b, 1);
    // Old log-densities and values near the current ones, so that the batch has ratios and value
    // changes on both sides of the clip.
    float[] oldLogDensities =
        plus(currentLogDensities(policy, observations, actions, c), random, 0.5);
    float[] oldValues = plus(currentValues(value, observations, c), random, 0.4);

    // The default path, as Ppo runs it: a Gaussian reads neither x_k (zeros) nor the step (K = 1).
    PpoGradients.Losses torchLosses =
        new TorchPpoGradients(manager, policy, value, valueParameters, c.hp())
            .compute(
                new PpoGradients.Minibatch(
                    b,
                    observations,
                    new float[b * c.actions()],
                    actions,
                    ones(b),
                    oldLogDensities,
                    advantages,
                    returns,
                    oldValues));

    double[] losses =
        fused.compute(b, observations, actions, oldLogDensities, advantages, returns, oldValues);
    assertThat(losses[0]).isCloseTo(torchLosses.policy(), offset(2e-5));
    assertThat(losses[1]).isCloseTo(torchLosses.value(), offset(2e-5));
    double squaredNorm =
        assertSameGradients(policy.parameters().arrays(), fused.policyGradients(), "policy")
            + assertSameGradients(valueParameters.arrays(), fused.valueGradients(), "value");
    assertThat(fused.squaredNorm()).isCloseTo(squaredNorm, withinPercentage(0.01));
    List<ByteBuffer> policyGradients = fused.policyGradients();
    return floats(policyGradients.get(policyGradients.size() - 1));
  }

  /** CleanRL's value network over the case's inputs: two tanh layers of its hidden width. */
  private static OrthogonalMlp tanhValue(ParameterGroup parameters, Case c, RandomStream random) {
    return new OrthogonalMlp(
        parameters,
        "value",
        OrthogonalMlp.Nonlinearity.TANH,
        1.0,
        random.split(),
        c.observations(),
        c.hidden(),
        c.hidden(),
        1);
  }

  private GaussianStepPolicy policy(
      int observations, int hidden, int actions, double logStdInit, RandomStream random) {
    double[] low = new double[actions];
    double[] high = new double[actions];
    Arrays.fill(low, -1);
    Arrays.fill(high, 1);
    return new GaussianStepPolicy(
        manager,
        new TaskSpec("test", observations, low, high, 0.01, 1000),
        new GaussianStepPolicy.Settings(
            hidden,
            OrthogonalMlp.Nonlinearity.TANH,
            logStdInit,
            LOG_STD_MIN,
            LOG_STD_MAX,
            GaussianStepPolicy.ActionMap.CLIP),
        random.split());
  }

  private float[] currentLogDensities(
      GaussianStepPolicy policy, float[] observations, float[] actions, Case c) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray obs = HostArrays.floats(scope, observations, new Shape(c.batch(), c.observations()));
      return policy
          .kernel(obs, null, null)
          .logDensity(HostArrays.floats(scope, actions, new Shape(c.batch(), c.actions())))
          .toFloatArray();
    }
  }

  private float[] currentValues(OrthogonalMlp value, float[] observations, Case c) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray obs = HostArrays.floats(scope, observations, new Shape(c.batch(), c.observations()));
      return value.forward(obs).toFloatArray();
    }
  }

  /**
   * Each fused gradient within 2e-4 of its array's largest torch entry (float round-off of sums
   * over 64 terms, and our tanh). Returns the squared norm of torch's gradients.
   */
  private static double assertSameGradients(
      List<NDArray> parameters, List<ByteBuffer> fusedGradients, String network) {
    assertThat(fusedGradients).hasSameSizeAs(parameters);
    double squaredNorm = 0;
    for (int i = 0; i < parameters.size(); i++) {
      float[] expected = parameters.get(i).getGradient().toFloatArray();
      float[] actual = floats(fusedGradients.get(i));
      float scale = 0;
      for (float e : expected) {
        scale = Math.max(scale, Math.abs(e));
        squaredNorm += (double) e * e;
      }
      float tolerance = 2e-4f * scale + 1e-7f;
      assertThat(actual).as(network + " array " + i).hasSameSizeAs(expected);
      for (int j = 0; j < expected.length; j++) {
        assertThat(Math.abs(actual[j] - expected[j]))
            .as("%s array %d entry %d: fused %g, torch %g", network, i, j, actual[j], expected[j])
            .isLessThanOrEqualTo(tolerance);
      }
    }
    return squaredNorm;
  }

  private static float[] ones(int n) {
    float[] values = new float[n];
    Arrays.fill(values, 1f);
    return values;
  }

  private static float[] floats(ByteBuffer memory) {
    float[] values = new float[memory.capacity() / Float.BYTES];
    memory.asFloatBuffer().get(values);
    return values;
  }

  private static float[] gaussian(RandomStream random, int n, double scale) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) (scale * random.nextGaussian());
    }
    return values;
  }

  private static float[] plus(float[] values, RandomStream random, double spread) {
    float[] shifted = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      shifted[i] = (float) (values[i] + spread * (2 * random.nextDouble() - 1));
    }
    return shifted;
  }
}
