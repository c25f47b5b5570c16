package dev.diffsweep.trainer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.diffsweep.trainer.nn.GradientTape;
import dev.diffsweep.trainer.nn.TorchRuntime;
import dev.diffsweep.trainer.state.RandomStream;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The diffusion chain's checks (docs/ALGORITHMS.md, sections 2 and 11.1). */
class DiffusionPolicyTest {
  private static final int OBS = 3;
  private static final int ACT = 2;
  private static final double[] LOW = {-1, -2};
  private static final double[] HIGH = {1, 3};

  private NDManager manager;

  @BeforeEach
  void openManager() {
    manager = NDManager.newBaseManager(TorchRuntime.engine().defaultDevice(), "PyTorch");
  }

  @AfterEach
  void closeManager() {
    manager.close();
  }

  private DiffusionPolicy policy(int steps, double stepSize, boolean learnable) {
    DiffusionSettings settings =
        new DiffusionSettings(
            steps, 2.5, 0.17, stepSize, learnable, 0.25, learnable, 16, 2, 4, false);
    return policy(settings, DataType.FLOAT32);
  }

  private DiffusionPolicy policy(DiffusionSettings settings, DataType dataType) {
    return new DiffusionPolicy(
        manager,
        OBS,
        ACT,
        settings,
        new ActionScaling(manager, LOW, HIGH),
        new RandomStream(3),
        dataType);
  }

  /** Makes f_theta matter: the near-zero initial output layer would hide errors in its terms. */
  private static void amplifyOutputLayer(DiffusionPolicy policy, float factor) {
    policy.parameters().array("denoiser.out.weight").muli(factor);
    policy.parameters().array("denoiser.out.bias").addi(0.3f);
  }

  private NDArray gaussian(RandomStream random, int rows, int columns) {
    return manager.create(random.gaussians(rows * columns), new Shape(rows, columns));
  }

  @Test
  void stepAndChainLogRatiosMatchFloat64GaussianDensities() {
    int k = 4;
    int rows = 5;
    DiffusionPolicy policy = policy(k, 0.3, true);
    amplifyOutputLayer(policy, 300f);
    RandomStream random = new RandomStream(11);
    NDArray observations = gaussian(random, rows, OBS);
    NDArray noise = gaussian(random, rows, (k + 1) * ACT);
    ChainSample chain = policy.run(observations, noise, true);
    double[][] eta = policy.stepSizes();
    double sigma0 = 2.5;

    double[] expectedTotal = new double[rows];
    float[] x0 = chain.states().get(0).toFloatArray();
    for (int b = 0; b < rows; b++) {
      for (int i = 0; i < ACT; i++) {
        expectedTotal[b] += logNormal(x0[b * ACT + i], 0, sigma0 * sigma0);
      }
    }
    for (int step = 0; step < k; step++) {
      float[] x = chain.states().get(step).toFloatArray();
      float[] next = chain.states().get(step + 1).toFloatArray();
      float[] f = policy.denoiser(observations, chain.states().get(step), step).toFloatArray();
      float[] actual = chain.stepLogRatios().get(step).toFloatArray();
      for (int b = 0; b < rows; b++) {
        double forward = 0;
        double backward = 0;
        for (int i = 0; i < ACT; i++) {
          int j = b * ACT + i;
          double e = eta[step][i];
          double forwardMean = x[j] + e * (-x[j] / (sigma0 * sigma0) + f[j]);
          double backwardMean = next[j] + e * (-next[j] / (sigma0 * sigma0));
          forward += logNormal(next[j], forwardMean, 2 * e);
          backward += logNormal(x[j], backwardMean, 2 * e);
        }
        assertThat((double) actual[b]).isCloseTo(forward - backward, within(2e-3));
        expectedTotal[b] += forward - backward;
      }
    }
    float[] squashed = chain.sample().squashed().toFloatArray();
    float[] total = chain.sample().logDensity().toFloatArray();
    for (int b = 0; b < rows; b++) {
      for (int i = 0; i < ACT; i++) {
        double y = squashed[b * ACT + i];
        double scale = (HIGH[i] - LOW[i]) / 2;
        expectedTotal[b] -= Math.log(scale * (1 - y * y) + 1e-6);
      }
      assertThat((double) total[b]).isCloseTo(expectedTotal[b], within(5e-3));
    }
  }

  @Test
  void chainWithZeroDenoiserAndSmallStepsKeepsThePrior() {
    int k = 8;
    int rows = 40_000;
    DiffusionPolicy policy = policy(k, 0.01, false);
    policy.parameters().array("denoiser.out.weight").muli(0f);
    policy.parameters().array("denoiser.out.bias").muli(0f);
    RandomStream random = new RandomStream(5);
    ChainSample chain =
        policy.run(gaussian(random, rows, OBS), gaussian(random, rows, (k + 1) * ACT), true);
    float[] last = chain.states().get(k).toFloatArray();
    for (int i = 0; i < ACT; i++) {
      double mean = 0;
      double square = 0;
      for (int b = 0; b < rows; b++) {
        mean += last[b * ACT + i] / (double) rows;
        square += last[b * ACT + i] * (double) last[b * ACT + i] / rows;
      }
      double variance = square - mean * mean;
      // Standard errors at 40 000 draws: 0.0125 for the mean, about 0.7 % for the variance.
      assertThat(mean).isCloseTo(0.0, within(0.05));
      assertThat(variance).isCloseTo(6.25, within(6.25 * 0.03));
    }
  }

  @Test
  void gradientsThroughTheChainMatchFiniteDifferences() {
    int k = 3;
    int rows = 4;
    // Double precision, so central differences with h = 1e-4 are accurate to ~1e-8.
    DiffusionSettings settings =
        new DiffusionSettings(k, 2.5, 0.17, 0.2, true, 0.25, true, 16, 2, 4, false);
    DiffusionPolicy policy = policy(settings, DataType.FLOAT64);
    amplifyOutputLayer(policy, 50f);
    RandomStream random = new RandomStream(21);
    NDArray observations = gaussian(random, rows, OBS).toType(DataType.FLOAT64, false);
    NDArray noise = gaussian(random, rows, (k + 1) * ACT).toType(DataType.FLOAT64, false);

    try (GradientTape tape = GradientTape.open()) {
      tape.backward(objective(policy, observations, noise));
    }
    RandomStream pick = new RandomStream(8);
    int checked = 0;
    for (String name :
        List.of(
            "denoiser.in.obs",
            "denoiser.in.act",
            "denoiser.in.time",
            "denoiser.hidden1.weight",
            "denoiser.out.weight",
            "denoiser.out.bias",
            "chain.step_size",
            "chain.friction")) {
      NDArray parameter = policy.parameters().array(name);
      double[] analytic;
      try (NDArray gradient = parameter.getGradient()) {
        analytic = gradient.toDoubleArray();
      }
      double[] values = parameter.toDoubleArray();
      for (int trial = 0; trial < 3; trial++) {
        int entry = pick.nextInt(values.length);
        double h = 1e-4;
        double plus = perturbed(policy, parameter, values, entry, h, observations, noise);
        double minus = perturbed(policy, parameter, values, entry, -h, observations, noise);
        double numeric = (plus - minus) / (2 * h);
        assertThat(analytic[entry])
            .as("d objective / d %s[%d]", name, entry)
            .isCloseTo(numeric, within(1e-4 * Math.abs(numeric) + 1e-7));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(24);
  }

  /** Mean chain log-ratio plus the mean action: exercises both paths the losses use. */
  private static NDArray objective(DiffusionPolicy policy, NDArray observations, NDArray noise) {
    ChainSample chain = policy.run(observations, noise, false);
    return chain.sample().logDensity().mean().add(chain.sample().action().mean());
  }

  private static double perturbed(
      DiffusionPolicy policy,
      NDArray parameter,
      double[] values,
      int entry,
      double h,
      NDArray observations,
      NDArray noise) {
    double[] changed = values.clone();
    changed[entry] = values[entry] + h;
    parameter.set(changed);
    try (NDManager scope = observations.getManager().newSubManager()) {
      NDArray obs = observations.duplicate();
      obs.attach(scope);
      double value = objective(policy, obs, noise).toType(DataType.FLOAT64, false).getDouble();
      parameter.set(values);
      return value;
    }
  }

  @Test
  void deterministicSamplingIsTheNoiselessChain() {
    int k = 4;
    DiffusionPolicy policy = policy(k, 0.2, false);
    amplifyOutputLayer(policy, 100f);
    RandomStream random = new RandomStream(2);
    NDArray observations = gaussian(random, 3, OBS);
    float[] deterministic = policy.deterministicAction(observations).toFloatArray();
    float[] zeroNoise =
        policy
            .sample(observations, manager.zeros(new Shape(3, (k + 1) * ACT)))
            .action()
            .toFloatArray();
    assertThat(deterministic)
        .containsExactly(zeroNoise, org.assertj.core.data.Offset.offset(1e-6f));
  }

  @Test
  void learnedStepSizesAreClampedToSigmaZeroSquaredAndFixedOnesAreNot() {
    // eta_k = 2.0 sched(k) / 0.25: 8 at the first step, 8 * 0.17 = 1.36 at the second.
    double[][] learned = policy(2, 2.0, true).stepSizes();
    double[][] fixed = policy(2, 2.0, false).stepSizes();
    assertThat(learned[0]).containsOnly(6.25);
    assertThat(learned[1][0]).isCloseTo(1.36, within(1e-5));
    assertThat(fixed[0][0]).isCloseTo(8.0, within(1e-5));
  }

  private DiffusionPolicy policyWithLastStepDenoiser(int steps, boolean ownLastStep) {
    return policy(
        new DiffusionSettings(steps, 2.5, 0.17, 0.2, false, 0.25, false, 16, 2, 4, ownLastStep),
        DataType.FLOAT32);
  }

  /** Output biases of opposite sign, so the two denoisers' outputs cannot be mistaken. */
  private static void amplifyBothDenoisers(DiffusionPolicy policy) {
    amplifyOutputLayer(policy, 100f);
    policy.parameters().array("denoiser.last_step.out.weight").muli(100f);
    policy.parameters().array("denoiser.last_step.out.bias").addi(-0.7f);
  }

  @Test
  void withALastStepDenoiserTheStepsBeforeTheLastAreTheSharedDenoisersAndTheLastIsItsOwn() {
    int k = 3;
    int rows = 4;
    DiffusionPolicy shared = policyWithLastStepDenoiser(k, false);
    DiffusionPolicy split = policyWithLastStepDenoiser(k, true);
    amplifyOutputLayer(shared, 100f);
    amplifyBothDenoisers(split);
    RandomStream random = new RandomStream(13);
    NDArray observations = gaussian(random, rows, OBS);
    NDArray noise = gaussian(random, rows, (k + 1) * ACT);
    ChainSample sharedChain = shared.run(observations, noise, true);
    ChainSample splitChain = split.run(observations, noise, true);

    // The shared denoiser's weights come first from the same random stream: same steps before K-1.
    for (int step = 0; step < k - 1; step++) {
      assertThat(splitChain.states().get(step + 1).toFloatArray())
          .containsExactly(sharedChain.states().get(step + 1).toFloatArray(), within(1e-6f));
    }
    NDArray x = splitChain.states().get(k - 1);
    float[] own = split.denoiser(observations, x, k - 1).toFloatArray();
    float[] sharedAtLast = shared.denoiser(observations, x, k - 1).toFloatArray();
    for (int i = 0; i < own.length; i++) {
      assertThat(Math.abs(own[i] - sharedAtLast[i])).isGreaterThan(0.1f);
    }

    // The single-step kernel picks the same denoiser per row as the chain does.
    for (int step = 0; step < k; step++) {
      float[] oneHot = new float[rows * k];
      for (int b = 0; b < rows; b++) {
        oneHot[b * k + step] = 1;
      }
      GaussianKernel kernel =
          split.kernel(
              observations,
              splitChain.states().get(step),
              manager.create(oneHot, new Shape(rows, k)));
      assertThat(
              kernel
                  .logRatio(splitChain.states().get(step), splitChain.states().get(step + 1))
                  .toFloatArray())
          .containsExactly(splitChain.stepLogRatios().get(step).toFloatArray(), within(2e-3f));
    }
  }

  @Test
  void aLossOnTheLastStepTrainsOnlyItsDenoiserAndOneOnEarlierStepsOnlyTheShared() {
    int k = 3;
    int rows = 6;
    RandomStream random = new RandomStream(17);
    NDArray observations = gaussian(random, rows, OBS);
    NDArray x = gaussian(random, rows, ACT);
    float[] oneHot = new float[rows * k];
    for (int b = 0; b < rows; b++) {
      oneHot[b * k + b % k] = 1; // rows at steps 0, 1, 2, 0, 1, 2
    }
    NDArray steps = manager.create(oneHot, new Shape(rows, k));
    NDArray atLastStep = steps.get(":, " + (k - 1) + ":" + k);
    for (boolean lastStepRows : new boolean[] {true, false}) {
      // A fresh policy each time: gradients accumulate across backward passes.
      DiffusionPolicy policy = policyWithLastStepDenoiser(k, true);
      amplifyBothDenoisers(policy);
      NDArray rowsUsed = lastStepRows ? atLastStep : atLastStep.neg().add(1f);
      try (GradientTape tape = GradientTape.open()) {
        tape.backward(policy.kernel(observations, x, steps).mean().mul(rowsUsed).square().sum());
      }
      double own = gradientNorm(policy, "denoiser.last_step.in.act");
      double shared = gradientNorm(policy, "denoiser.in.act");
      assertThat(lastStepRows ? own : shared)
          .as("rows at the last step: %s", lastStepRows)
          .isGreaterThan(1e-3);
      assertThat(lastStepRows ? shared : own)
          .as("rows at the last step: %s", lastStepRows)
          .isZero();
    }
  }

  private static double gradientNorm(DiffusionPolicy policy, String name) {
    try (NDArray gradient = policy.parameters().array(name).getGradient()) {
      return gradient.abs().sum().toType(DataType.FLOAT64, false).getDouble();
    }
  }

  @Test
  void aOneStepChainHasNoStepsBeforeTheLastToSeparateFrom() {
    assertThatThrownBy(() -> policyWithLastStepDenoiser(1, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("last_step_denoiser needs diffusion_steps >= 2");
  }

  private static double logNormal(double x, double mean, double variance) {
    return -0.5 * Math.log(2 * Math.PI * variance) - (x - mean) * (x - mean) / (2 * variance);
  }
}
