package dev.diffsweep.trainer.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.diffsweep.trainer.env.TaskSpec;
import dev.diffsweep.trainer.nn.HostArrays;
import dev.diffsweep.trainer.nn.ParameterGroup;
import dev.diffsweep.trainer.nn.Scalars;
import dev.diffsweep.trainer.state.RandomStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The K-step diffusion policy of docs/ALGORITHMS.md, section 2. From x_0 ~ N(0, sigma0^2 I):
 *
 * <pre>
 *   x_{k+1} = x_k + eta_k (-x_k / sigma0^2 + f(x_k, s, k)) + sqrt(2 eta_k) eps_k
 *   l_k     = log F(x_{k+1} | x_k) - log B(x_k | x_{k+1}),  B = N(x_{k+1}(1 - eta_k/sigma0^2), 2 eta_k)
 *   l       = log p_0(x_0) + sum_k l_k - sum_i log(scale_i (1 - tanh(x_K,i)^2) + 1e-6)
 * </pre>
 *
 * Both kernels have variance 2 eta_k, so their normalisers cancel in l_k, and x_{k+1} - mean_F =
 * sqrt(2 eta_k) eps_k exactly: l_k = -|eps_k|^2 / 2 + sum_i (x_k - c_k x_{k+1})_i^2 / (4 eta_k,i)
 * with c_k = 1 - eta_k / sigma0^2. The log-density correction of the tanh includes the rescaling to
 * the actuator range, as in the Gaussian policy, so the two agents' log-densities (and target
 * entropies) mean the same thing.
 *
 * <p>f is a {@link Denoiser}, one for all K steps; with {@link
 * DiffusionSettings#lastStepDenoiser()} the last step has its own and the steps before it share the
 * other, so what trains the last step does not move the steps before it through shared weights.
 */
public final class DiffusionPolicy implements SquashedPolicy {
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  /** Lower bound of a trained eta_k: 1/(4 eta) stays below 2.5e3, far inside float32. */
  static final double MIN_LEARNED_STEP_SIZE = 1e-4;

  private final DiffusionSettings settings;
  private final ParameterGroup parameters;
  private final ActionScaling scaling;
  private final int actionSize;
  private final int observationSize;
  private final Denoiser denoiser; // every step's, or the steps' before the last
  private final Denoiser lastStepDenoiser; // the same object unless the last step has its own
  private final NDArray stepSizeLogits; // delta, [K, 1]
  private final NDArray frictionLogits; // softplus^-1(friction), [1, d]
  private final float[] timeFeatureValues; // [K, T]
  private final float[] scheduleValues; // [K, 1]

  /**
   * The chain over the task's observation and action sizes, in float32 (the agents' precision),
   * acting through {@code scaling}.
   */
  public static DiffusionPolicy forTask(
      NDManager manager,
      TaskSpec task,
      DiffusionSettings settings,
      ActionScaling scaling,
      RandomStream random) {
    return new DiffusionPolicy(
        manager,
        task.observationSize(),
        task.actionSize(),
        settings,
        scaling,
        random,
        DataType.FLOAT32);
  }

  /**
   * With parameters of {@code dataType}: FLOAT32 as the agents train, FLOAT64 for gradient checks.
   */
  public DiffusionPolicy(
      NDManager manager,
      int observationSize,
      int actionSize,
      DiffusionSettings settings,
      ActionScaling scaling,
      RandomStream random,
      DataType dataType) {
    this.settings = settings;
    this.parameters = new ParameterGroup(manager, dataType);
    this.scaling = scaling;
    this.actionSize = actionSize;
    this.observationSize = observationSize;
    int t = settings.timeFeatures();
    int k = settings.diffusionSteps();
    denoiser = new Denoiser(parameters, "denoiser", observationSize, actionSize, settings, random);
    lastStepDenoiser =
        settings.lastStepDenoiser()
            ? new Denoiser(
                parameters, "denoiser.last_step", observationSize, actionSize, settings, random)
            : denoiser;

    float[] delta = new float[k];
    java.util.Arrays.fill(delta, (float) inverseSoftplus(settings.stepSize()));
    float[] friction = new float[actionSize];
    java.util.Arrays.fill(friction, (float) inverseSoftplus(settings.friction()));
    stepSizeLogits =
        constantOrParameter(
            manager, "chain.step_size", delta, new Shape(k, 1), settings.learnStepSizes());
    frictionLogits =
        constantOrParameter(
            manager,
            "chain.friction",
            friction,
            new Shape(1, actionSize),
            settings.learnFriction());

    timeFeatureValues = new float[k * t];
    scheduleValues = new float[k];
    for (int step = 0; step < k; step++) {
      double phase = (double) step / k;
      for (int f = 0; f < t / 2; f++) {
        double angle = 2 * Math.PI * (f + 1) * phase;
        timeFeatureValues[step * t + f] = (float) Math.sin(angle);
        timeFeatureValues[step * t + t / 2 + f] = (float) Math.cos(angle);
      }
      scheduleValues[step] = (float) settings.schedule(step);
    }
  }

  private NDArray constantOrParameter(
      NDManager manager, String name, float[] values, Shape shape, boolean trainable) {
    return trainable ? parameters.add(name, values, shape) : manager.create(values, shape);
  }

  public DiffusionSettings settings() {
    return settings;
  }

  @Override
  public int noiseWidth() {
    return (settings.diffusionSteps() + 1) * actionSize;
  }

  @Override
  public PolicySample sample(NDArray observations, NDArray noise) {
    return run(observations, noise, false).sample();
  }

  @Override
  public NDArray deterministicAction(NDArray observations) {
    return run(observations, null, false).sample().action();
  }

  /**
   * Runs the chain. {@code noise} is [B, (K+1) d]: eps for x_0 = sigma0 eps, then one block per
   * step; null runs it deterministically (x_0 = 0, no noise), where the log-ratio is undefined and
   * returned as null.
   */
  public ChainSample run(NDArray observations, NDArray noise, boolean keepSteps) {
    NDManager scope = observations.getManager();
    int k = settings.diffusionSteps();
    boolean stochastic = noise != null;
    Coefficients c = coefficients(scope);
    Denoiser active = denoiser;
    NDArray observationShare = active.observationShare(observations);
    NDArray timeShare = active.timeShare(timeFeatures(scope));
    NDList noiseBlocks = stochastic ? noise.split(k + 1, 1) : null;
    NDArray x =
        stochastic
            ? Scalars.multiply(noiseBlocks.get(0), settings.sigma0())
            : scope.zeros(
                new Shape(observations.getShape().get(0), actionSize), observations.getDataType());
    List<NDArray> states = new ArrayList<>();
    List<NDArray> stepLogRatios = new ArrayList<>();
    if (keepSteps) {
      states.add(x);
    }
    NDArray backwardTerms = null;
    for (int step = 0; step < k; step++) {
      if (stepDenoiser(step) != active) {
        // The shares depend only on s and the time table: computed once per network.
        active = stepDenoiser(step);
        observationShare = active.observationShare(observations);
        timeShare = active.timeShare(timeFeatures(scope));
      }
      NDArray f = active.forward(observationShare, timeShare.get(step), x);
      NDArray mean = x.mul(c.decay.get(step)).add(f.mul(c.eta.get(step)));
      NDArray next =
          stochastic ? mean.add(noiseBlocks.get(step + 1).mul(c.noiseScale.get(step))) : mean;
      if (stochastic) {
        NDArray term =
            x.sub(next.mul(c.decay.get(step))).square().mul(c.backwardPrecision.get(step));
        backwardTerms = backwardTerms == null ? term : backwardTerms.add(term);
        if (keepSteps) {
          NDArray stepNoise =
              Scalars.multiply(noiseBlocks.get(step + 1).square().sum(new int[] {1}), -0.5);
          stepLogRatios.add(term.sum(new int[] {1}).add(stepNoise));
        }
      }
      x = next;
      if (keepSteps) {
        states.add(x);
      }
    }
    NDArray squashed = x.tanh();
    NDArray action = scaling.toActuatorRange(squashed);
    NDArray logRatio = null;
    if (stochastic) {
      // log p_0(x_0) and the -|eps_k|^2/2 of every log F: one reduction over all the noise.
      double constant = -actionSize * (Math.log(settings.sigma0()) + HALF_LOG_TWO_PI);
      NDArray noiseTerms =
          Scalars.multiply(noise.square().sum(new int[] {1}), -0.5).add((float) constant);
      logRatio =
          backwardTerms.sum(new int[] {1}).add(noiseTerms).sub(scaling.logJacobian(squashed));
    }
    return new ChainSample(new PolicySample(squashed, action, logRatio), states, stepLogRatios);
  }

  /**
   * The forward kernel for rows at different steps (one-hot [B, K]): mean x_k + eta_k (-x_k /
   * sigma0^2 + f(x_k, s, k)), variance 2 eta_k, and the backward kernel's decay 1 - eta_k /
   * sigma0^2. The augmented-MDP agents evaluate single steps of stored chains with it.
   */
  public GaussianKernel kernel(NDArray observations, NDArray x, NDArray stepOneHot) {
    NDArray features = timeFeatures(observations.getManager());
    NDArray f = denoiser.forwardRows(observations, x, stepOneHot, features);
    if (lastStepDenoiser != denoiser) {
      int k = settings.diffusionSteps();
      NDArray atLastStep = stepOneHot.get(":, " + (k - 1) + ":" + k);
      NDArray lastStepF = lastStepDenoiser.forwardRows(observations, x, stepOneHot, features);
      f = f.add(lastStepF.sub(f).mul(atLastStep));
    }
    NDArray eta = stepOneHot.matMul(stepSizeTable(observations.getManager()));
    NDArray decay = Scalars.multiply(eta, -1 / (settings.sigma0() * settings.sigma0())).add(1f);
    return new GaussianKernel(x.mul(decay).add(f.mul(eta)), Scalars.multiply(eta, 2), decay);
  }

  /** The Fourier features of each row's step k/K, [B, T] (one-hot steps [B, K]). */
  public NDArray stepFeatures(NDArray stepOneHot) {
    return stepOneHot.matMul(timeFeatures(stepOneHot.getManager()));
  }

  /** f_theta(x_k, s, k), shape [B, d] (exposed for reference computations in tests). */
  public NDArray denoiser(NDArray observations, NDArray x, int step) {
    Denoiser f = stepDenoiser(step);
    NDArray timeShare = f.timeShare(timeFeatures(observations.getManager()));
    return f.forward(f.observationShare(observations), timeShare.get(step), x);
  }

  private Denoiser stepDenoiser(int step) {
    return step == settings.diffusionSteps() - 1 ? lastStepDenoiser : denoiser;
  }

  private NDArray timeFeatures(NDManager scope) {
    NDArray features =
        HostArrays.floats(
            scope,
            timeFeatureValues,
            new Shape(settings.diffusionSteps(), settings.timeFeatures()));
    return parameters.dataType() == DataType.FLOAT32
        ? features
        : features.toType(parameters.dataType(), false);
  }

  /** eta_k per action dimension, [K][d], as the chain currently uses them. */
  public double[][] stepSizes() {
    try (NDManager scope = parameters.manager().newSubManager()) {
      Coefficients c = coefficients(scope);
      double[][] eta = new double[settings.diffusionSteps()][];
      for (int step = 0; step < eta.length; step++) {
        double[] row = c.eta.get(step).toType(DataType.FLOAT64, false).toDoubleArray();
        eta[step] = new double[row.length];
        for (int i = 0; i < row.length; i++) {
          eta[step][i] = row[i];
        }
      }
      return eta;
    }
  }

  /** Per-step coefficients, each a list of K arrays of shape [1, d]. */
  private record Coefficients(
      NDList eta, NDList decay, NDList noiseScale, NDList backwardPrecision) {}

  private Coefficients coefficients(NDManager scope) {
    int k = settings.diffusionSteps();
    NDArray eta = stepSizeTable(scope);
    NDArray decay = Scalars.multiply(eta, -1 / (settings.sigma0() * settings.sigma0())).add(1f);
    NDArray noiseScale = Scalars.multiply(eta, 2).sqrt();
    NDArray backwardPrecision = Scalars.power(Scalars.multiply(eta, 4), -1);
    return new Coefficients(
        eta.split(k, 0), decay.split(k, 0), noiseScale.split(k, 0), backwardPrecision.split(k, 0));
  }

  /** eta_k per step and action dimension, [K, d]. */
  private NDArray stepSizeTable(NDManager scope) {
    int k = settings.diffusionSteps();
    // The first op on a long-lived array would attach its result to the long-lived manager:
    // attach explicitly so per-step intermediates are freed with the scope.
    NDArray stepSizes = Activation.softPlus(stepSizeLogits);
    stepSizes.attach(scope);
    NDArray friction = Activation.softPlus(frictionLogits);
    friction.attach(scope);
    NDArray schedule = HostArrays.floats(scope, scheduleValues, new Shape(k, 1));
    if (parameters.dataType() != DataType.FLOAT32) {
      schedule = schedule.toType(parameters.dataType(), false);
    }
    NDArray eta = stepSizes.mul(schedule).div(friction);
    if (!settings.stepSizesLearned()) {
      return eta;
    }
    // Trained step sizes and frictions drift freely (runs with them learnable ended in NaN losses),
    // and eta is only usable in (0, sigma0^2]: as eta -> 0 the backward precision 1/(4 eta)
    // overflows, and past sigma0^2 the prior drift's decay 1 - eta/sigma0^2 turns negative, so the
    // chain overshoots and oscillates. The clamp keeps eta inside; at a bound the gradient is zero.
    // It is not the whole cure: DiffSAC with both learnable still had a NaN actor loss, so that
    // divergence has another cause too (docs/EXPERIMENTS.md, 2026-11-25).
    return eta.clip(MIN_LEARNED_STEP_SIZE, settings.sigma0() * settings.sigma0());
  }

  @Override
  public ParameterGroup parameters() {
    return parameters;
  }

  static double inverseSoftplus(double y) {
    return y + Math.log(-Math.expm1(-y));
  }
}
