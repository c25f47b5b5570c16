package dev.diffsweep.analysis;

import dev.diffsweep.analysis.summary.StudyResults;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of {@link StudyAnalysis#run}: where the report is, how many committed trials went in,
 * a sentence on what the study holds, the results (empty when nothing was committed) and the
 * seconds each phase took.
 */
public record AnalysisResult(
    String reportPath,
    int committedTrials,
    String description,
    Optional<StudyResults> results,
    Map<String, Double> phaseSeconds) {}
