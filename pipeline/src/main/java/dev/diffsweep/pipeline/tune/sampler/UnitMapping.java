package dev.diffsweep.pipeline.tune.sampler;

import dev.diffsweep.pipeline.tune.space.CategoricalParameter;
import dev.diffsweep.pipeline.tune.space.FloatParameter;
import dev.diffsweep.pipeline.tune.space.IntParameter;
import dev.diffsweep.pipeline.tune.space.Parameter;

/**
 * Maps each parameter onto [0, 1) so that a uniform u gives the parameter's prior: uniform for
 * plain floats, log-uniform for log ones, equal mass per grid point for ints (log ints: the mass of
 * each integer's unit interval in log space) and per choice for categoricals. The random sampler
 * draws u; the genetic sampler evolves it as a gene.
 */
final class UnitMapping {
  private UnitMapping() {}

  static Object fromUnit(Parameter parameter, double u) {
    if (parameter instanceof FloatParameter real) {
      double value =
          real.log()
              ? Math.exp(lerp(Math.log(real.low()), Math.log(real.high()), u))
              : lerp(real.low(), real.high(), u);
      return Math.max(real.low(), Math.min(real.high(), value));
    }
    if (parameter instanceof IntParameter integer) {
      if (integer.log()) {
        double logValue = lerp(Math.log(integer.low() - 0.5), Math.log(integer.top() + 0.5), u);
        return integer.nearest(Math.exp(logValue));
      }
      long index = Math.min(integer.count() - 1, (long) Math.floor(u * integer.count()));
      return integer.low() + index * integer.step();
    }
    CategoricalParameter categorical = (CategoricalParameter) parameter;
    int size = categorical.choices().size();
    return categorical.choices().get(Math.min(size - 1, (int) Math.floor(u * size)));
  }

  /** The inverse: the u of a value (the middle of its cell for ints and categoricals). */
  static double toUnit(Parameter parameter, Object value) {
    double u;
    if (parameter instanceof FloatParameter real) {
      u =
          real.log()
              ? (Math.log((Double) value) - Math.log(real.low()))
                  / (Math.log(real.high()) - Math.log(real.low()))
              : ((Double) value - real.low()) / (real.high() - real.low());
    } else if (parameter instanceof IntParameter integer) {
      long number = (Long) value;
      if (integer.log()) {
        double low = Math.log(integer.low() - 0.5);
        u = (Math.log(number) - low) / (Math.log(integer.top() + 0.5) - low);
      } else {
        u = ((number - integer.low()) / integer.step() + 0.5) / integer.count();
      }
    } else {
      CategoricalParameter categorical = (CategoricalParameter) parameter;
      u = (categorical.indexOf(value) + 0.5) / categorical.choices().size();
    }
    return Math.max(0, Math.min(Math.nextDown(1.0), u));
  }

  private static double lerp(double low, double high, double u) {
    return low + u * (high - low);
  }
}
