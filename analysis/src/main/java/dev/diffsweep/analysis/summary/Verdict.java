package dev.diffsweep.analysis.summary;

import dev.diffsweep.analysis.stats.ConfidenceInterval;

/**
 * One word for a comparison, from the probability of improvement (the chance that a run of the
 * compared agent ends above a run of its base): better when its whole interval lies above one half,
 * worse when below, otherwise inconclusive. An interval rather than the point, so that two seeds
 * that happen to differ are not called a win.
 */
public enum Verdict {
  BETTER("better"),
  WORSE("worse"),
  INCONCLUSIVE("inconclusive");

  /** The rule as the report and the terminal print it. */
  public static final String RULE =
      "better when the bootstrap interval of the probability of improvement lies wholly above 0.5,"
          + " worse when it lies wholly below 0.5, inconclusive otherwise";

  private final String word;

  Verdict(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  public static Verdict of(ConfidenceInterval probabilityOfImprovement) {
    if (probabilityOfImprovement.low() > 0.5) {
      return BETTER;
    }
    if (probabilityOfImprovement.high() < 0.5) {
      return WORSE;
    }
    return INCONCLUSIVE;
  }
}
