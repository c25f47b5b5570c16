package dev.diffsweep.pipeline.tune.sampler;

import dev.diffsweep.pipeline.tune.space.CategoricalParameter;
import dev.diffsweep.pipeline.tune.space.FloatParameter;
import dev.diffsweep.pipeline.tune.space.IntParameter;
import dev.diffsweep.pipeline.tune.space.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A kernel density over one parameter built from observed values, as in Optuna's independent TPE:
 * one kernel per observation plus a wide prior kernel. Floats and ints get truncated normal kernels
 * (in log space for log parameters; ints on their grid get the mass of each point's cell), with
 * each kernel's bandwidth the larger gap to its sorted neighbours, clipped to [range / min(100, 1 +
 * kernels), range]; categoricals get one distribution per observation that puts the prior's share
 * on every choice and the rest on the observed one.
 */
final class ParzenEstimator {
  private final Parameter parameter;
  private final double[] weights;
  // Numeric kernels, in internal (possibly log) coordinates.
  private final double[] mus;
  private final double[] sigmas;
  private final double low;
  private final double high;
  // Categorical kernels: one probability row per kernel.
  private final double[][] choiceProbabilities;

  private ParzenEstimator(
      Parameter parameter,
      double[] weights,
      double[] mus,
      double[] sigmas,
      double low,
      double high,
      double[][] choiceProbabilities) {
    this.parameter = parameter;
    this.weights = weights;
    this.mus = mus;
    this.sigmas = sigmas;
    this.low = low;
    this.high = high;
    this.choiceProbabilities = choiceProbabilities;
  }

  /**
   * The estimator of {@code observations} (oldest first), each weighted as {@link
   * #observationWeights} says, and the prior with weight {@code priorWeight}.
   */
  static ParzenEstimator of(Parameter parameter, List<Object> observations, double priorWeight) {
    double[] weights = mixtureWeights(observations.size(), priorWeight);
    if (parameter instanceof CategoricalParameter categorical) {
      return categorical(categorical, observations, weights, priorWeight);
    }
    double[] bounds = internalBounds(parameter);
    double[] points = new double[observations.size()];
    for (int i = 0; i < points.length; i++) {
      points[i] = internal(parameter, observations.get(i));
    }
    return numeric(parameter, points, bounds[0], bounds[1], weights);
  }

  /** A value drawn from the mixture. */
  Object sample(RandomGenerator random) {
    int kernel = pick(weights, random);
    if (parameter instanceof CategoricalParameter categorical) {
      int choice = pick(choiceProbabilities[kernel], random);
      return categorical.choices().get(choice);
    }
    double x = TruncatedNormal.sample(random, mus[kernel], sigmas[kernel], low, high);
    return external(parameter, x);
  }

  /** The log density (log probability for categoricals and plain ints) of a value. */
  double logDensity(Object value) {
    double[] terms = new double[weights.length];
    if (parameter instanceof CategoricalParameter categorical) {
      int choice = categorical.indexOf(value);
      for (int k = 0; k < terms.length; k++) {
        terms[k] = Math.log(weights[k]) + Math.log(choiceProbabilities[k][choice]);
      }
      return logSumExp(terms);
    }
    double x = internal(parameter, value);
    boolean onGrid = parameter instanceof IntParameter integer && !integer.log();
    double halfCell = onGrid ? ((IntParameter) parameter).step() / 2.0 : 0;
    for (int k = 0; k < terms.length; k++) {
      double logKernel =
          onGrid
              ? TruncatedNormal.logCellMass(
                  x - halfCell, x + halfCell, mus[k], sigmas[k], low, high)
              : TruncatedNormal.logPdf(x, mus[k], sigmas[k], low, high);
      terms[k] = Math.log(weights[k]) + logKernel;
    }
    return logSumExp(terms);
  }

  /**
   * Optuna's default weights: equal for up to 25 observations; beyond that the 25 newest keep
   * weight 1 and older ones ramp linearly from 1/n up to 1, so stale regions fade.
   */
  static double[] observationWeights(int count) {
    double[] weights = new double[count];
    Arrays.fill(weights, 1.0);
    int flat = 25;
    if (count > flat) {
      int ramp = count - flat;
      for (int i = 0; i < ramp; i++) {
        weights[i] = ramp == 1 ? 1.0 / count : 1.0 / count + (1.0 - 1.0 / count) * i / (ramp - 1);
      }
    }
    return weights;
  }

  private static double[] mixtureWeights(int observations, double priorWeight) {
    double[] weights = Arrays.copyOf(observationWeights(observations), observations + 1);
    weights[observations] = priorWeight;
    double total = Arrays.stream(weights).sum();
    for (int i = 0; i < weights.length; i++) {
      weights[i] /= total;
    }
    return weights;
  }

  private static ParzenEstimator categorical(
      CategoricalParameter parameter,
      List<Object> observations,
      double[] weights,
      double priorWeight) {
    int choices = parameter.choices().size();
    int kernels = observations.size() + 1;
    double[][] rows = new double[kernels][choices];
    for (double[] row : rows) {
      Arrays.fill(row, priorWeight / kernels);
    }
    for (int i = 0; i < observations.size(); i++) {
      rows[i][parameter.indexOf(observations.get(i))] += 1;
    }
    for (double[] row : rows) {
      double total = Arrays.stream(row).sum();
      for (int c = 0; c < choices; c++) {
        row[c] /= total;
      }
    }
    return new ParzenEstimator(parameter, weights, null, null, 0, 0, rows);
  }

  private static ParzenEstimator numeric(
      Parameter parameter, double[] points, double low, double high, double[] weights) {
    int n = points.length;
    double range = high - low;
    double priorMu = 0.5 * (low + high);
    // Bandwidths come from the gaps between sorted kernel centres, the prior's centre included
    // and the bounds as outer neighbours.
    double[] centres = Arrays.copyOf(points, n + 1);
    centres[n] = priorMu;
    Integer[] order = new Integer[n + 1];
    for (int i = 0; i <= n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(centres[a], centres[b]));
    double[] sorted = new double[n + 3];
    sorted[0] = low;
    sorted[n + 2] = high;
    for (int i = 0; i <= n; i++) {
      sorted[i + 1] = centres[order[i]];
    }
    double[] sortedSigmas = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      sortedSigmas[i] = Math.max(sorted[i + 1] - sorted[i], sorted[i + 2] - sorted[i + 1]);
    }
    // The outermost kernels look inwards only: a bound is not a neighbour worth bridging.
    if (n + 1 >= 2) {
      sortedSigmas[0] = sorted[2] - sorted[1];
      sortedSigmas[n] = sorted[n + 1] - sorted[n];
    }
    double minSigma = range / Math.min(100.0, 1.0 + n + 1);
    double[] mus = Arrays.copyOf(points, n + 1);
    double[] sigmas = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      sigmas[order[i]] = Math.max(minSigma, Math.min(range, sortedSigmas[i]));
    }
    mus[n] = priorMu;
    sigmas[n] = range;
    return new ParzenEstimator(parameter, weights, mus, sigmas, low, high, null);
  }

  /** The interval the kernels live on: log bounds for log parameters, cell edges for ints. */
  private static double[] internalBounds(Parameter parameter) {
    if (parameter instanceof FloatParameter real) {
      return real.log()
          ? new double[] {Math.log(real.low()), Math.log(real.high())}
          : new double[] {real.low(), real.high()};
    }
    IntParameter integer = (IntParameter) parameter;
    if (integer.log()) {
      return new double[] {Math.log(integer.low() - 0.5), Math.log(integer.top() + 0.5)};
    }
    double half = integer.step() / 2.0;
    return new double[] {integer.low() - half, integer.top() + half};
  }

  private static double internal(Parameter parameter, Object value) {
    double number = ((Number) value).doubleValue();
    boolean log =
        parameter instanceof FloatParameter real ? real.log() : ((IntParameter) parameter).log();
    return log ? Math.log(number) : number;
  }

  private static Object external(Parameter parameter, double x) {
    if (parameter instanceof FloatParameter real) {
      double value = real.log() ? Math.exp(x) : x;
      return Math.max(real.low(), Math.min(real.high(), value));
    }
    IntParameter integer = (IntParameter) parameter;
    return integer.nearest(integer.log() ? Math.exp(x) : x);
  }

  private static int pick(double[] probabilities, RandomGenerator random) {
    double u = random.nextDouble();
    double cumulative = 0;
    for (int i = 0; i < probabilities.length; i++) {
      cumulative += probabilities[i];
      if (u < cumulative) {
        return i;
      }
    }
    return probabilities.length - 1;
  }

  private static double logSumExp(double[] terms) {
    double max = Arrays.stream(terms).max().orElseThrow();
    if (Double.isInfinite(max)) {
      return max;
    }
    double sum = 0;
    for (double term : terms) {
      sum += Math.exp(term - max);
    }
    return max + Math.log(sum);
  }
}
