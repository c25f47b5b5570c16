package dev.diffsweep.pipeline.cli;

import dev.diffsweep.pipeline.spark.LiveReport;
import dev.diffsweep.pipeline.spark.SparkProfile;
import dev.diffsweep.pipeline.spark.SparkSessions;
import dev.diffsweep.pipeline.spark.StudyDriver;
import dev.diffsweep.pipeline.study.Study;
import dev.diffsweep.pipeline.study.StudyLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code diffsweep study FILE}: the main job. */
@Command(
    name = "study",
    mixinStandardHelpOptions = true,
    description = {
      "Run a study file: each trial one Spark task (local mode unless --master or the study's",
      "Spark profile says otherwise), results as Parquet tables in the study folder.",
      "Committed trials are skipped, so rerunning a study finishes what is missing."
    })
final class StudyCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "FILE",
      description = "The study file (HOCON), e.g. conf/quickstart.conf.")
  Path file;

  @Option(
      names = "--master",
      description = "Spark master, e.g. local[2,3] or spark://host:7077 (default: the profile's).")
  String master;

  @Option(
      names = "--no-analysis",
      description = "Do not run the aggregation job afterwards (nor keep a live report).")
  boolean noAnalysis;

  @Option(
      names = "--live-report-every",
      paramLabel = "DURATION",
      defaultValue = "3m",
      converter = DurationConverter.class,
      description = {
        "While the study trains, rewrite report.html this often (e.g. 90s, 3m, 1h) and shortly",
        "after trials commit; the page reloads itself until the final report replaces it",
        "(default: ${DEFAULT-VALUE})."
      })
  Duration liveReportEvery;

  @Option(names = "--no-live-report", description = "No report.html until the study ends.")
  boolean noLiveReport;

  @Option(
      names = "--trainer-main",
      hidden = true,
      description = "Main class of the trainer JVMs (tests use a contract trainer).")
  String trainerMain;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = command.commandLine().getOut();
    Study study = StudyLoader.load(file);
    if (study.tune() != null) {
      throw new IllegalArgumentException(
          file + " has a tune block: run it with `diffsweep tune " + file + "`");
    }
    Path studyDirectory = file.toAbsolutePath().getParent();
    SparkProfile profile = SparkProfile.resolve(study.sparkProfile(), studyDirectory);
    SparkConf conf = SparkSessions.conf(profile, master, "diffsweep study " + study.name());
    if (trainerMain != null) {
      conf.set("spark.diffsweep.trainer.mainClass", trainerMain);
    }
    Optional<Duration> live =
        noAnalysis || noLiveReport ? Optional.empty() : Optional.of(liveReportEvery);
    StudyDriver.Result result = new StudyDriver(study, conf, out, live).run();
    if (!noAnalysis) {
      AnalysisStep.run(conf, result.folder(), out, "study " + study.name());
    }
    out.printf("[study %s] output: %s%n", study.name(), result.folder());
    out.flush();
    return result.failed() > 0 ? 1 : 0;
  }

  /** Reads durations such as 90s, 3m, 1h or 500ms. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return LiveReport.parseDuration(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
