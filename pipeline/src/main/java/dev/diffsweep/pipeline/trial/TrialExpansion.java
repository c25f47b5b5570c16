package dev.diffsweep.pipeline.trial;

import dev.diffsweep.pipeline.study.Study;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A study as its trials: algorithms x tasks x seeds x the cartesian product of each algorithm's
 * grid. The order is the study's (algorithm, task, grid point, seed), so logs read in the order the
 * file was written.
 */
public final class TrialExpansion {
  private TrialExpansion() {}

  public static List<Trial> expand(Study study) {
    List<Trial> trials = new ArrayList<>();
    for (String algorithm : study.algorithms()) {
      List<SortedMap<String, String>> points = cartesianProduct(study.gridFor(algorithm));
      for (String task : study.tasks()) {
        for (SortedMap<String, String> point : points) {
          for (int seed : study.seeds()) {
            trials.add(
                Trial.of(
                    study.name(),
                    algorithm,
                    task,
                    seed,
                    study.steps().forTrial(algorithm, task),
                    study.evaluation(),
                    point));
          }
        }
      }
    }
    return trials;
  }

  /**
   * How many trials {@link #expand} would give and their env steps in all, counted without making
   * them (a grid can be too large to list); each saturates at Long.MAX_VALUE.
   */
  public record Size(long trials, long envSteps) {}

  public static Size size(Study study) {
    long trials = 0;
    long envSteps = 0;
    for (String algorithm : study.algorithms()) {
      long points = 1;
      for (List<String> values : study.gridFor(algorithm).values()) {
        points = times(points, values.size());
      }
      long perTask = times(points, study.seeds().size());
      for (String task : study.tasks()) {
        trials = plus(trials, perTask);
        envSteps = plus(envSteps, times(perTask, study.steps().forTrial(algorithm, task)));
      }
    }
    return new Size(trials, envSteps);
  }

  private static long times(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException overflow) {
      return Long.MAX_VALUE;
    }
  }

  private static long plus(long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException overflow) {
      return Long.MAX_VALUE;
    }
  }

  /** Every combination of one value per key; one empty point for an empty grid. */
  static List<SortedMap<String, String>> cartesianProduct(Map<String, List<String>> grid) {
    List<SortedMap<String, String>> points = new ArrayList<>();
    points.add(new TreeMap<>());
    for (Map.Entry<String, List<String>> axis : new TreeMap<>(grid).entrySet()) {
      List<SortedMap<String, String>> extended = new ArrayList<>();
      for (SortedMap<String, String> point : points) {
        for (String value : axis.getValue()) {
          SortedMap<String, String> next = new TreeMap<>(point);
          next.put(axis.getKey(), value);
          extended.add(next);
        }
      }
      points = extended;
    }
    return points;
  }
}
