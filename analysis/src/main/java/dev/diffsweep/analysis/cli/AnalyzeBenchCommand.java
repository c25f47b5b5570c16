package dev.diffsweep.analysis.cli;

import dev.diffsweep.analysis.AnalysisOptions;
import dev.diffsweep.analysis.AnalysisResult;
import dev.diffsweep.analysis.StudyAnalysis;
import dev.diffsweep.analysis.fixture.SyntheticStudy;
import dev.diffsweep.analysis.stats.BootstrapSettings;
import dev.diffsweep.contract.AlgorithmCatalogue;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench analyze}: writes a synthetic study (six agents, ten tasks, as many seeds as needed
 * for the requested trials) and times the analysis end to end, bootstrap, plots and report
 * included. Writing the study is timed separately.
 */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = "Time the analysis of a synthetic study end to end.")
public final class AnalyzeBenchCommand implements Callable<Integer> {
  private static final List<String> AGENTS = AlgorithmCatalogue.names();
  private static final List<String> TASKS =
      List.of(
          "Ant-v4",
          "HalfCheetah-v4",
          "Hopper-v4",
          "Humanoid-v4",
          "HumanoidStandup-v4",
          "InvertedDoublePendulum-v4",
          "InvertedPendulum-v4",
          "Reacher-v4",
          "Swimmer-v4",
          "Walker2d-v4");

  @Spec CommandSpec spec;

  @Option(
      names = "--trials",
      defaultValue = "10000",
      description = "trials (default: ${DEFAULT-VALUE})")
  int trials;

  @Option(
      names = "--points",
      defaultValue = "200",
      description = "evaluation points per trial (default: ${DEFAULT-VALUE})")
  int points;

  @Option(
      names = "--bootstrap",
      defaultValue = "2000",
      description = "bootstrap resamples (default: ${DEFAULT-VALUE})")
  int bootstrap;

  @Option(names = "--json", description = "print one JSON object: trials, points, seconds, ...")
  boolean json;

  @Mixin AnalysisSpark analysisSpark;

  @Option(
      names = "--dir",
      description = "folder for the synthetic study (default: a temporary folder)")
  Path dir;

  @Option(
      names = "--reuse",
      description = "analyse the study already in --dir instead of writing a new one")
  boolean reuse;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    int seeds = Math.max(1, (int) Math.ceil(trials / (double) (AGENTS.size() * TASKS.size())));
    SyntheticStudy.Spec study =
        new SyntheticStudy.Spec("bench", AGENTS, TASKS, seeds, points, 5000, 0, List.of(10));
    Path folder = dir != null ? dir : Files.createTempDirectory("diffsweep-bench-analyze");
    SparkSession spark = analysisSpark.session();

    long writeStart = System.nanoTime();
    String path = folder.resolve("bench").toString();
    if (!(reuse && Files.isDirectory(folder.resolve("bench/tables")))) {
      SyntheticStudy.write(spark, path, study);
    }
    double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
    if (!json) {
      out.printf(
          Locale.ROOT,
          "wrote %d trials x %d evaluations in %.1f s; analysing...%n",
          seeds * AGENTS.size() * TASKS.size(),
          points,
          writeSeconds);
      out.flush();
    }
    AnalysisOptions options =
        AnalysisOptions.DEFAULT.withBootstrap(
            new BootstrapSettings(bootstrap, 0.95, BootstrapSettings.DEFAULT.seed()));
    long start = System.nanoTime();
    long cpuStart = processCpuNanos();
    AnalysisResult result = StudyAnalysis.run(spark, path, options);
    double seconds = (System.nanoTime() - start) / 1e9;
    // On a shared machine wall time depends on the neighbours; CPU time does not.
    double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
    int cores = Runtime.getRuntime().availableProcessors();
    if (json) {
      out.printf(
          Locale.ROOT,
          "{\"trials\": %d, \"points\": %d, \"seconds\": %.2f, \"bootstrap\": %d,"
              + " \"cpu_seconds\": %.2f, \"write_seconds\": %.2f, \"cores\": %d,"
              + " \"master\": \"%s\", \"phases\": {%s}}%n",
          result.committedTrials(),
          points,
          seconds,
          bootstrap,
          cpuSeconds,
          writeSeconds,
          cores,
          spark.sparkContext().master(),
          phases(result, "\"%s\": %.2f", ", "));
    } else {
      out.printf(
          Locale.ROOT,
          "analysed %d trials x %d evaluation points in %.1f s, %.1f s CPU (%d bootstrap"
              + " resamples, %d cores, %s)%nphases: %s%nreport: %s%n",
          result.committedTrials(),
          points,
          seconds,
          cpuSeconds,
          bootstrap,
          cores,
          spark.sparkContext().master(),
          phases(result, "%s %.1f s", ", "),
          result.reportPath());
    }
    out.flush();
    return 0;
  }

  private static String phases(AnalysisResult result, String format, String separator) {
    return result.phaseSeconds().entrySet().stream()
        .map(e -> String.format(Locale.ROOT, format, e.getKey(), e.getValue()))
        .collect(java.util.stream.Collectors.joining(separator));
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
