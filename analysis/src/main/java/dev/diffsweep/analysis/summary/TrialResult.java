package dev.diffsweep.analysis.summary;

import dev.diffsweep.analysis.tables.TrialRecord;

/**
 * One committed trial reduced by the Spark queries: its final return, area under the curve and its
 * curve on the task's grid (NaN outside the trial's evaluated range).
 */
public record TrialResult(
    TrialRecord trial, String config, double finalReturn, double auc, double[] curve) {
  public GroupKey group() {
    return new GroupKey(trial.algorithm(), trial.task(), config);
  }
}
