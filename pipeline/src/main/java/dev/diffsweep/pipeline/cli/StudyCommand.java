package dev.diffsweep.pipeline.cli;

import dev.diffsweep.pipeline.spark.LiveReport;
import dev.diffsweep.pipeline.spark.StudyDriver;
import dev.diffsweep.pipeline.study.Study;
import dev.diffsweep.pipeline.trial.TrialExpansion;
import dev.diffsweep.trainer.agent.registry.AlgorithmRegistry;
import dev.diffsweep.trainer.cli.OutOfSpace;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
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
final class StudyCommand extends DriverCommand<StudyDriver.Result> {
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

  @Override
  void check(Study study, PrintWriter out) {
    if (study.tune() != null) {
      throw new IllegalArgumentException(
          file + " has a tune block: run it with `diffsweep tune " + file + "`");
    }
    checkSize(study);
    warnIfAnAgentNeverTrains(study, out);
  }

  @Override
  StudyDriver.Result drive(Study study, SparkConf conf, PrintWriter out) throws Exception {
    Optional<Duration> live =
        noAnalysis || noLiveReport ? Optional.empty() : Optional.of(liveReportEvery);
    // The analysis writes into the study folder too: it runs under the driver's lease, after the
    // live report's last refresh (the live refresher itself takes no lease).
    return new StudyDriver(study, conf, out, driver.takeover.force, live)
        .run(done -> analyse(conf, done.folder(), out, study));
  }

  @Override
  Optional<RuntimeException> explained(Study study, Throwable failure) {
    return OutOfSpace.causedBy(failure)
        ? Optional.of(OutOfSpace.writing("the study folder " + study.folder()))
        : Optional.empty();
  }

  @Override
  int finish(Study study, StudyDriver.Result result, PrintWriter out) {
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

  /** A study larger than the limits is most likely a typo: refused before anything is written. */
  private void checkSize(Study study) {
    TrialExpansion.Size size = TrialExpansion.size(study);
    driver.limits.check(study.name(), file, size.trials(), size.envSteps());
  }

  /** Off-policy agents whose learning_starts is at or past their trials' step budget. */
  private static void warnIfAnAgentNeverTrains(Study study, PrintWriter out) {
    for (String algorithm : study.algorithms()) {
      String standard =
          AlgorithmRegistry.get(algorithm)
              .configure(Map.of())
              .hyperparameters()
              .get("learning_starts");
      if (standard == null) {
        continue;
      }
      for (String value :
          study.gridFor(algorithm).getOrDefault("learning_starts", List.of(standard))) {
        for (String task : study.tasks()) {
          long steps = study.steps().forTrial(algorithm, task);
          if (Double.parseDouble(value) >= steps) {
            out.printf(
                "[study %s] warning: learning_starts %s is not below the %d env steps of %s on %s,"
                    + " so those trials collect experience and never train; lower learning_starts"
                    + " or raise steps%n",
                study.name(), value, steps, algorithm, task);
          }
        }
      }
    }
  }
}
