package dev.diffsweep.pipeline.tune.sampler;

import dev.diffsweep.pipeline.tune.space.CategoricalParameter;
import dev.diffsweep.pipeline.tune.space.FloatParameter;
import dev.diffsweep.pipeline.tune.space.IntParameter;
import dev.diffsweep.pipeline.tune.space.Parameter;
import dev.diffsweep.pipeline.tune.space.SearchSpace;
import dev.diffsweep.pipeline.tune.space.TrialProposal;
import dev.diffsweep.pipeline.tune.state.TuningHistory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Every point of a grid, in a seeded random order (as Optuna's grid sampler, so that a study cut
 * short still covers the space evenly). Categoricals give their choices; ints and floats give
 * {@code points} evenly spaced values (log-spaced for log parameters), ints all their values when
 * they have no more than that. A conditional parameter is only varied where it is active, so no two
 * grid points train the same configuration.
 */
public final class GridSampler implements Sampler {
  /** A grid larger than this is a mistake in the study file, not a plan. */
  public static final int MAX_GRID_POINTS = 1_000_000;

  private final List<TrialProposal> order;

  public GridSampler(SearchSpace space, int points, long seed) {
    if (points < 2) {
      throw new IllegalArgumentException("a grid needs at least 2 points per dimension");
    }
    List<TrialProposal> grid = new ArrayList<>();
    enumerate(space, points, 0, new LinkedHashMap<>(), grid);
    Collections.shuffle(grid, new Random(seed));
    this.order = List.copyOf(grid);
  }

  /** The size of the whole grid. */
  public int size() {
    return order.size();
  }

  @Override
  public List<TrialProposal> propose(int count, TuningHistory history) {
    List<TrialProposal> proposals = new ArrayList<>();
    for (TrialProposal point : order) {
      if (proposals.size() == count) {
        break;
      }
      if (!history.containsId(point.id())) {
        proposals.add(point);
      }
    }
    return proposals;
  }

  private static void enumerate(
      SearchSpace space,
      int points,
      int index,
      Map<String, Object> partial,
      List<TrialProposal> grid) {
    if (index == space.parameters().size()) {
      if (grid.size() == MAX_GRID_POINTS) {
        throw new IllegalArgumentException(
            "the grid has more than " + MAX_GRID_POINTS + " points; lower tune.sampler.points");
      }
      grid.add(TrialProposal.of(space, partial));
      return;
    }
    Parameter parameter = space.parameters().get(index);
    if (!SearchSpace.isActive(parameter, partial)) {
      enumerate(space, points, index + 1, partial, grid);
      return;
    }
    for (Object value : values(parameter, points)) {
      partial.put(parameter.name(), value);
      enumerate(space, points, index + 1, partial, grid);
      partial.remove(parameter.name());
    }
  }

  /** The grid values of one parameter, in increasing order (choices in declared order). */
  static List<Object> values(Parameter parameter, int points) {
    if (parameter instanceof CategoricalParameter categorical) {
      return categorical.choices();
    }
    if (parameter instanceof IntParameter integer) {
      LinkedHashSet<Object> values = new LinkedHashSet<>();
      if (integer.count() <= points) {
        for (long value = integer.low(); value <= integer.high(); value += integer.step()) {
          values.add(value);
        }
      } else {
        for (double x : spaced(integer.low(), integer.top(), integer.log(), points)) {
          values.add(integer.nearest(x));
        }
      }
      return List.copyOf(values);
    }
    FloatParameter real = (FloatParameter) parameter;
    List<Object> values = new ArrayList<>();
    for (double x : spaced(real.low(), real.high(), real.log(), points)) {
      values.add(Math.max(real.low(), Math.min(real.high(), x)));
    }
    return values;
  }

  private static double[] spaced(double low, double high, boolean log, int points) {
    double[] values = new double[points];
    double from = log ? Math.log(low) : low;
    double to = log ? Math.log(high) : high;
    for (int i = 0; i < points; i++) {
      double x = from + (to - from) * i / (points - 1);
      values[i] = log ? Math.exp(x) : x;
    }
    values[0] = low;
    values[points - 1] = high;
    return values;
  }
}
