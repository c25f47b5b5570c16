package dev.diffsweep.analysis.summary;

import java.util.List;
import java.util.Map;

/**
 * Everything the analysis computed, as tables: {@code comparison} (each compared agent against its
 * base, per task and across tasks, with a verdict), {@code curves} (algorithm x task x grid point),
 * {@code summary} (algorithm x task), {@code aggregate_curves} and {@code aggregate} (across tasks
 * on normalised scores) and {@code performance_profile}; plus the thresholds used per task.
 */
public record StudyResults(
    ResultTable comparison,
    ResultTable curves,
    ResultTable summary,
    ResultTable aggregateCurves,
    ResultTable aggregate,
    ResultTable performanceProfile,
    Map<String, Double> thresholdByTask) {
  public List<ResultTable> tables() {
    return List.of(comparison, curves, summary, aggregateCurves, aggregate, performanceProfile);
  }
}
