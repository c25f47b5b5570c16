package dev.diffsweep.pipeline.cli;

import dev.diffsweep.analysis.AnalysisOptions;
import dev.diffsweep.analysis.AnalysisResult;
import dev.diffsweep.analysis.StudyAnalysis;
import dev.diffsweep.pipeline.spark.SparkSessions;
import java.io.IOException;
import java.io.PrintWriter;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The aggregation job that `study` and `tune` run last, so that their report is ready at the end.
 */
final class AnalysisStep {
  private AnalysisStep() {}

  /**
   * @param label the command and study name for the log line, e.g. "study quickstart"
   */
  static void run(SparkConf conf, String studyFolder, PrintWriter out, String label)
      throws IOException {
    try (SparkSession spark = SparkSessions.start(conf)) {
      AnalysisResult analysis = StudyAnalysis.run(spark, studyFolder, AnalysisOptions.DEFAULT);
      out.printf(
          "[%s] analysis of %d committed trials: %s%n",
          label, analysis.committedTrials(), analysis.reportPath());
      analysis.verdictLines().forEach(line -> out.printf("[%s] %s%n", label, line));
    }
  }
}
