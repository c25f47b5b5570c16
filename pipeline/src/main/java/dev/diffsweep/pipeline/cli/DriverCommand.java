package dev.diffsweep.pipeline.cli;

import dev.diffsweep.pipeline.study.Study;
import dev.diffsweep.pipeline.study.StudyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What `study` and `tune` do alike: load the study file, check it before anything is written, run
 * the driver under its Spark settings, and, when Ctrl-C or kill ended it, say that nothing
 * committed is lost instead of Spark's cancellation trace.
 *
 * @param <R> what the command's driver returns
 */
abstract class DriverCommand<R> implements Callable<Integer> {
  @Mixin DriverOptions driver;

  @Spec CommandSpec command;

  @Parameters(
      paramLabel = "FILE",
      description = "The study file (HOCON), e.g. conf/quickstart.conf; `tune` needs a tune block.")
  Path file;

  @Option(
      names = "--no-analysis",
      description =
          "Do not run the aggregation job afterwards (no report.html; for `study`, no live report"
              + " either).")
  boolean noAnalysis;

  /** Refuses (bad input) a study this command must not run, or warns about it. */
  abstract void check(Study study, PrintWriter out);

  /** Runs the study's driver (and what comes after it under the driver's lease). */
  abstract R drive(Study study, SparkConf conf, PrintWriter out) throws Exception;

  /** Reports what the driver did; the command's exit code. */
  abstract int finish(Study study, R result, PrintWriter out);

  /** A failure the command explains better than the driver's exception does; none by default. */
  Optional<RuntimeException> explained(Study study, Throwable failure) {
    return Optional.empty();
  }

  /** The aggregation job over the study folder the driver wrote, unless --no-analysis. */
  final void analyse(SparkConf conf, String studyFolder, PrintWriter out, Study study)
      throws IOException {
    if (!noAnalysis) {
      AnalysisStep.run(conf, studyFolder, out, command.name() + " " + study.name());
    }
  }

  @Override
  public final Integer call() throws Exception {
    PrintWriter out = command.commandLine().getOut();
    Study study = StudyLoader.load(file);
    check(study, out);
    SparkConf conf = driver.sparkConf(study, file, command.name());
    R result;
    DriverStopped stopped =
        DriverStopped.watch(command.name(), file, command.commandLine().getErr());
    try {
      result = drive(study, conf, out);
    } catch (Exception | Error e) {
      Optional<RuntimeException> explained = explained(study, e);
      if (explained.isPresent()) {
        throw explained.get();
      }
      if (DriverStopped.shuttingDown()) {
        return stopped.say();
      }
      throw e;
    } finally {
      stopped.close();
    }
    return finish(study, result, out);
  }
}
