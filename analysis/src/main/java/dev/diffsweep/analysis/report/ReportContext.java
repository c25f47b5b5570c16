package dev.diffsweep.analysis.report;

import dev.diffsweep.analysis.AnalysisOptions;
import dev.diffsweep.analysis.plots.PlotImage;
import dev.diffsweep.analysis.references.PublishedReferences;
import dev.diffsweep.analysis.summary.StudyResults;
import dev.diffsweep.analysis.tables.StudyInventory;
import dev.diffsweep.analysis.tuning.TuningResults;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the report states: the study and what it holds, the versions involved, how the numbers were
 * computed, when there were committed trials, the results and plots and, for a tuning study, the
 * tuning results and their plots.
 *
 * @param configByTrial configuration label of each committed trial (ablation grids)
 * @param engineVersions Spark, Java and analysis versions, by name
 * @param references published results for the "Published references" section, with the problems met
 *     reading their files
 * @param live present in a live report, made while the study runs
 */
public record ReportContext(
    String studyPath,
    String studyName,
    Optional<String> studyConf,
    StudyInventory inventory,
    Map<String, String> configByTrial,
    Map<String, String> engineVersions,
    AnalysisOptions options,
    Optional<StudyResults> results,
    List<PlotImage> plots,
    Optional<TuningResults> tuning,
    List<PlotImage> tuningPlots,
    PublishedReferences references,
    Optional<LiveView> live) {}
