package dev.diffsweep.pipeline.tune.space;

import java.util.List;

/**
 * An integer on the grid low, low + step, ... up to high (high itself need not be on the grid);
 * when {@code log} (step 1 only), values are drawn with log-uniform density over [low - 1/2, high +
 * 1/2] and rounded, so each integer gets the mass of its unit interval.
 */
public record IntParameter(
    String name, long low, long high, long step, boolean log, List<Condition> conditions)
    implements Parameter {

  public IntParameter {
    conditions = List.copyOf(conditions);
    if (low > high) {
      throw new IllegalArgumentException(name + ": low must be <= high");
    }
    if (step < 1) {
      throw new IllegalArgumentException(name + ": step must be >= 1");
    }
    if (log && low < 1) {
      throw new IllegalArgumentException(name + ": a log parameter needs low >= 1");
    }
    // As in Optuna: log spacing and a coarser grid do not mix (which grid point would be "near"?).
    if (log && step != 1) {
      throw new IllegalArgumentException(name + ": a log parameter needs step = 1");
    }
  }

  /** How many grid points there are. */
  public long count() {
    return (high - low) / step + 1;
  }

  /** The largest grid point (high rounded down onto the grid). */
  public long top() {
    return low + (count() - 1) * step;
  }

  /** The grid point nearest to a real value, clamped to the grid. */
  public long nearest(double value) {
    long index = Math.round((value - low) / step);
    return low + Math.max(0, Math.min(count() - 1, index)) * step;
  }

  @Override
  public boolean contains(Object value) {
    return value instanceof Long integer
        && integer >= low
        && integer <= high
        && (integer - low) % step == 0;
  }

  @Override
  public Object parse(String text) {
    Long value = Long.valueOf(text);
    if (!contains(value)) {
      throw new IllegalArgumentException(
          name + ": " + text + " is not on the grid " + low + ".." + high + " step " + step);
    }
    return value;
  }
}
