package dev.diffsweep.analysis.references;

import java.util.Locale;

/**
 * One published result: what a source reports for an algorithm on a task at a training budget.
 *
 * @param task the source's own task id, e.g. {@code Hopper-v3}; it is matched with a study's task
 *     by {@link #taskFamily()}, so a version difference is reported, not hidden
 * @param algorithm diffsweep's catalogue name of the agent the source trained ({@code sac}, ...)
 * @param source a short label, e.g. {@code CleanRL}
 * @param sourceUrl where the number is published
 * @param budget env steps the source trained for
 * @param metric what the number measures
 * @param mean the reported mean return
 * @param std the reported +/- (what it spans is in {@code note})
 * @param seeds how many runs the mean is over
 * @param origin the file and line the row came from, for messages
 */
public record PublishedReference(
    String task,
    String algorithm,
    String source,
    String sourceUrl,
    long budget,
    Metric metric,
    double mean,
    double std,
    int seeds,
    String note,
    String origin) {

  /** What a reference's return measures. */
  public enum Metric {
    /** Episodic return of the (stochastic) policy while it trains. */
    TRAINING,
    /** Test return of the deterministic policy, as diffsweep's evaluations measure it. */
    DETERMINISTIC;

    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Metric parse(String text) {
      for (Metric metric : values()) {
        if (metric.text().equals(text.trim().toLowerCase(Locale.ROOT))) {
          return metric;
        }
      }
      throw new IllegalArgumentException("is neither 'training' nor 'deterministic'");
    }
  }

  /** The task without its version: {@code Hopper} for {@code Hopper-v3}. */
  public String taskFamily() {
    return family(task);
  }

  /** The task's version suffix, e.g. {@code v3}, or "" when it has none. */
  public String taskVersion() {
    return version(task);
  }

  public double low() {
    return mean - std;
  }

  public double high() {
    return mean + std;
  }

  static String family(String task) {
    int dash = task.lastIndexOf("-v");
    return dash > 0 && task.substring(dash + 2).matches("\\d+") ? task.substring(0, dash) : task;
  }

  static String version(String task) {
    String family = family(task);
    return family.length() == task.length() ? "" : task.substring(family.length() + 1);
  }
}
