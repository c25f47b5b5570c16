package dev.diffsweep.analysis;

import dev.diffsweep.analysis.summary.StudyResults;
import java.util.Optional;

/**
 * The outcome of {@link StudyAnalysis#run}: where the report is, how many committed trials went in,
 * a sentence on what the study holds, and the results (empty when nothing was committed).
 */
public record AnalysisResult(
    String reportPath, int committedTrials, String description, Optional<StudyResults> results) {}
