package dev.diffsweep.pipeline.tune.space;

import java.util.List;

/** A real in [low, high], sampled uniformly or, when {@code log}, uniformly in log space. */
public record FloatParameter(
    String name, double low, double high, boolean log, List<Condition> conditions)
    implements Parameter {

  public FloatParameter {
    conditions = List.copyOf(conditions);
    if (!(low < high)) {
      throw new IllegalArgumentException(name + ": low must be < high");
    }
    if (log && low <= 0) {
      throw new IllegalArgumentException(name + ": a log parameter needs low > 0");
    }
  }

  @Override
  public boolean contains(Object value) {
    return value instanceof Double real && real >= low && real <= high;
  }

  @Override
  public Object parse(String text) {
    Double value = Double.valueOf(text);
    if (!contains(value)) {
      throw new IllegalArgumentException(
          name + ": " + text + " is outside [" + low + ", " + high + "]");
    }
    return value;
  }
}
