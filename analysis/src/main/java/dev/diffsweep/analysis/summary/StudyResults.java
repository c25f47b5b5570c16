package dev.diffsweep.analysis.summary;

import java.util.List;
import java.util.Map;

/**
 * Everything the analysis computed, as tables: {@code curves} (algorithm x task x grid point),
 * {@code summary} (algorithm x task), {@code aggregate_curves} and {@code aggregate} (across tasks
 * on normalised scores) and {@code performance_profile}; plus the thresholds used per task.
 */
public record StudyResults(
    ResultTable curves,
    ResultTable summary,
    ResultTable aggregateCurves,
    ResultTable aggregate,
    ResultTable performanceProfile,
    Map<String, Double> thresholdByTask) {
  public List<ResultTable> tables() {
    return List.of(curves, summary, aggregateCurves, aggregate, performanceProfile);
  }
}
