package dev.diffsweep.analysis.references;

import dev.diffsweep.analysis.references.PublishedReference.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a study's final return sits against a published reference, in one sentence that names every
 * way the two differ (budget, metric, task version, a single run), so a reader does not take a
 * 100k-step study's shortfall against a 1M-step reference for a bug.
 */
public final class ReferenceComparison {
  /** Budgets closer than this ratio count as the same. */
  private static final double SAME_BUDGET = 1.1;

  private ReferenceComparison() {}

  /**
   * @param studyReturn the study's IQM final return (deterministic evaluation)
   * @param studyBudget the study's env steps for the agent on the task
   * @param studyTask the study's task id, e.g. {@code Hopper-v4}
   */
  public static String sentence(
      double studyReturn, long studyBudget, String studyTask, PublishedReference reference) {
    String where;
    if (studyReturn < reference.low()) {
      where = "Below the reference's range (mean ± std)";
    } else if (studyReturn > reference.high()) {
      where = "Above the reference's range (mean ± std)";
    } else {
      where = "Within the reference's range (mean ± std)";
    }
    if (reference.mean() > 0) {
      where +=
          String.format(
              Locale.ROOT, ", at %.0f %% of its mean", 100 * studyReturn / reference.mean());
    }
    List<String> notes = new ArrayList<>();
    double ratio = (double) Math.max(studyBudget, 1) / reference.budget();
    if (ratio > SAME_BUDGET || ratio < 1 / SAME_BUDGET) {
      notes.add("budget " + steps(studyBudget) + " vs " + steps(reference.budget()));
    }
    if (reference.metric() == Metric.TRAINING) {
      notes.add(
          "the reference is the training episodic return, the study's the deterministic"
              + " evaluation return");
    }
    String studyVersion = PublishedReference.version(studyTask);
    if (!studyVersion.equals(reference.taskVersion())) {
      notes.add(
          "task "
              + reference.task()
              + " vs the study's "
              + (studyVersion.isEmpty() ? studyTask : studyVersion));
    }
    if (reference.seeds() == 1) {
      notes.add("the reference is a single run");
    }
    return where + (notes.isEmpty() ? "" : "; note " + String.join("; ", notes)) + ".";
  }

  /** Env steps the way budgets are written: 100k, 1M, 1.5M, 750. */
  public static String steps(long steps) {
    if (steps >= 1_000_000) {
      return trim(steps / 1e6) + "M";
    }
    if (steps >= 1_000) {
      return trim(steps / 1e3) + "k";
    }
    return Long.toString(steps);
  }

  private static String trim(double value) {
    String text = String.format(Locale.ROOT, "%.2f", value);
    return text.replaceAll("\\.?0+$", "");
  }
}
