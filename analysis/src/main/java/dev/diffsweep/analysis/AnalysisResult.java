package dev.diffsweep.analysis;

import dev.diffsweep.analysis.summary.StudyResults;
import dev.diffsweep.analysis.summary.VerdictLines;
import dev.diffsweep.analysis.tuning.TuningResults;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of {@link StudyAnalysis#run}: where the report is, how many committed trials went in,
 * a sentence on what the study holds, the results (empty when nothing was committed), the tuning
 * results (empty for a grid study) and the seconds each phase took.
 */
public record AnalysisResult(
    String reportPath,
    int committedTrials,
    String description,
    Optional<StudyResults> results,
    Optional<TuningResults> tuning,
    Map<String, Double> phaseSeconds) {

  /** The comparison's verdicts, a line each, for the end of the terminal output. */
  public List<String> verdictLines() {
    return results.map(r -> VerdictLines.of(r.comparison())).orElse(List.of());
  }
}
