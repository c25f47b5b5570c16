package dev.diffsweep.analysis.cli;

import dev.diffsweep.analysis.AnalysisOptions;
import dev.diffsweep.analysis.AnalysisResult;
import dev.diffsweep.analysis.ReportMode;
import dev.diffsweep.analysis.StudyAnalysis;
import dev.diffsweep.analysis.rapids.RapidsPlanCheck;
import dev.diffsweep.analysis.stats.BootstrapSettings;
import dev.diffsweep.analysis.stats.ScoreNormalization;
import dev.diffsweep.analysis.tables.StudyReadException;
import java.io.File;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code analyze STUDY}: curves, summaries, plots and report.html from committed trials. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Aggregate a study's committed trials into sample-efficiency curves, summaries with",
      "stratified-bootstrap intervals (rliable), plots and report.html in the study folder."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:analysed (also when no trial is committed yet: the report says what exists)",
      "1:--rapids-explain found operators that would not run on the GPU",
      "2:the study cannot be read (the message names the path)"
    })
public final class AnalyzeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "STUDY", description = "the study folder (any Hadoop URI)")
  String study;

  @Option(
      names = "--threshold-fraction",
      defaultValue = "0.8",
      description =
          "steps-to-threshold target: this fraction of the way from the task's lowest return to"
              + " the best final return (default: ${DEFAULT-VALUE})")
  double thresholdFraction;

  @Option(
      names = "--bootstrap",
      defaultValue = "2000",
      paramLabel = "N",
      description = "bootstrap resamples per interval (default: ${DEFAULT-VALUE})")
  int bootstrap;

  @Option(
      names = "--confidence",
      defaultValue = "0.95",
      description = "interval level (default: ${DEFAULT-VALUE})")
  double confidence;

  @Option(
      names = "--seed",
      defaultValue = "20211104",
      description = "bootstrap random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--grid-points",
      defaultValue = "101",
      description = "env-step grid points per task (default: ${DEFAULT-VALUE})")
  int gridPoints;

  @Option(
      names = "--final-fraction",
      defaultValue = "0.1",
      description =
          "final return = mean of this last fraction of evaluations (default: ${DEFAULT-VALUE})")
  double finalFraction;

  @Option(
      names = "--normalization",
      defaultValue = "min_max",
      converter = NormalizationConverter.class,
      description =
          "scores for aggregates across tasks: min_max (per task over the study) or none"
              + " (default: ${DEFAULT-VALUE})")
  ScoreNormalization.Kind normalization;

  @Option(names = "--no-plots", description = "skip the PNG/SVG plots")
  boolean noPlots;

  @Option(
      names = "--live",
      description =
          "a live report of a study that is still running: also draws the running trials'"
              + " partial curves (dashed, in no statistic) and reloads itself in the browser;"
              + " the study driver runs this while it trains")
  boolean live;

  @Mixin AnalysisSpark analysisSpark;

  @Option(
      names = "--rapids-explain",
      paramLabel = "JAR",
      description =
          "instead of analysing, list the operators of the analysis queries that the RAPIDS"
              + " Accelerator (this jar) would not run on a GPU; needs no GPU")
  File rapidsJar;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AnalysisOptions options =
        new AnalysisOptions(
            gridPoints,
            finalFraction,
            thresholdFraction,
            new BootstrapSettings(bootstrap, confidence, seed),
            normalization,
            !noPlots);
    SparkSession spark = analysisSpark.session();
    try {
      if (rapidsJar != null) {
        return explainOnGpu(spark, options, out);
      }
      long start = System.nanoTime();
      AnalysisResult result =
          live
              ? analyseLive(spark, options, err)
              : StudyAnalysis.run(spark, study, options, ReportMode.FINAL);
      out.println(result.description());
      if (result.committedTrials() == 0) {
        out.println("No committed trials yet: nothing to aggregate.");
      }
      out.printf(
          "Analysed %d committed trials in %.1f s.%nReport: %s%n",
          result.committedTrials(), (System.nanoTime() - start) / 1e9, result.reportPath());
      result.verdictLines().forEach(out::println);
      out.flush();
      return 0;
    } catch (StudyReadException e) {
      err.println("diffsweep analyze: " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  /**
   * The live analysis, tried up to three times: while the study runs, the driver swaps the trials
   * table in and trials commit, so a file listed may have changed by the time it is read.
   */
  private AnalysisResult analyseLive(SparkSession spark, AnalysisOptions options, PrintWriter err) {
    for (int attempt = 1; ; attempt++) {
      try {
        return StudyAnalysis.run(spark, study, options, ReportMode.LIVE);
      } catch (Exception e) { // Spark throws its checked SparkException undeclared
        if (attempt == 3) {
          throw e;
        }
        err.println(
            "diffsweep analyze --live: the study changed while it was read, reading it again: "
                + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        err.flush();
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private int explainOnGpu(SparkSession spark, AnalysisOptions options, PrintWriter out) {
    List<String> notOnGpu =
        RapidsPlanCheck.operatorsNotOnGpu(rapidsJar, StudyAnalysis.queries(spark, study, options));
    if (notOnGpu.isEmpty()) {
      out.println("RAPIDS: every operator of the analysis queries would run on the GPU.");
    } else {
      out.println("RAPIDS: operators that would not run on the GPU:");
      notOnGpu.forEach(line -> out.println("  " + line));
    }
    out.flush();
    return notOnGpu.isEmpty() ? 0 : 1;
  }

  /** Accepts the normalisation in any case, e.g. {@code min_max} or {@code MIN_MAX}. */
  static final class NormalizationConverter
      implements picocli.CommandLine.ITypeConverter<ScoreNormalization.Kind> {
    @Override
    public ScoreNormalization.Kind convert(String value) {
      try {
        return ScoreNormalization.Kind.valueOf(value.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "unknown normalization '" + value + "'; allowed: min_max, none");
      }
    }
  }
}
