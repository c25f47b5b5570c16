package dev.diffsweep.pipeline.tune.sampler;

import java.util.random.RandomGenerator;
import org.apache.commons.math3.special.Erf;

/**
 * The normal distribution N(mu, sigma) cut to [low, high]: a Parzen estimator's kernel. Tail masses
 * are computed on the side where they are small, so that narrow kernels far from a bound do not
 * lose all precision.
 */
final class TruncatedNormal {
  /** Floor for probabilities, so a log never sees zero (Optuna uses the same 1e-12). */
  static final double EPS = 1e-12;

  private static final double SQRT2 = Math.sqrt(2);
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  private TruncatedNormal() {}

  /** The density at x of N(mu, sigma) cut to [low, high], as a log. */
  static double logPdf(double x, double mu, double sigma, double low, double high) {
    double z = (x - mu) / sigma;
    return -0.5 * z * z - LOG_SQRT_2PI - Math.log(sigma) - logMass(low, high, mu, sigma);
  }

  /**
   * The probability of [from, to] under N(mu, sigma) cut to [low, high], as a log: the mass of a
   * grid point's cell for an int parameter.
   */
  static double logCellMass(
      double from, double to, double mu, double sigma, double low, double high) {
    return logMass(from, to, mu, sigma) - logMass(low, high, mu, sigma);
  }

  /** A draw by inverting the CDF between the bounds' CDF values. */
  static double sample(RandomGenerator random, double mu, double sigma, double low, double high) {
    double zLow = (low - mu) / sigma;
    double zHigh = (high - mu) / sigma;
    double z;
    if (zLow > 0) {
      // All mass in the upper tail: sample the mirror image, where the CDF is precise.
      z = -standardSample(random, -zHigh, -zLow);
    } else {
      z = standardSample(random, zLow, zHigh);
    }
    return Math.max(low, Math.min(high, mu + sigma * z));
  }

  private static double standardSample(RandomGenerator random, double zLow, double zHigh) {
    double pLow = cdf(zLow);
    double pHigh = cdf(zHigh);
    double p = pLow + random.nextDouble() * (pHigh - pLow);
    return inverseCdf(p);
  }

  private static double logMass(double from, double to, double mu, double sigma) {
    double zFrom = (from - mu) / sigma;
    double zTo = (to - mu) / sigma;
    double mass;
    if (zFrom >= 0) {
      mass = upperTail(zFrom) - upperTail(zTo);
    } else {
      mass = cdf(zTo) - cdf(zFrom);
    }
    return Math.log(Math.max(mass, EPS));
  }

  private static double cdf(double z) {
    return 0.5 * Erf.erfc(-z / SQRT2);
  }

  private static double upperTail(double z) {
    return 0.5 * Erf.erfc(z / SQRT2);
  }

  private static double inverseCdf(double p) {
    if (p <= 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (p >= 1) {
      return Double.POSITIVE_INFINITY;
    }
    return p < 0.5 ? -SQRT2 * Erf.erfcInv(2 * p) : SQRT2 * Erf.erfcInv(2 * (1 - p));
  }
}
