package dev.diffsweep.pipeline.cli;

import dev.diffsweep.pipeline.spark.SparkProfile;
import dev.diffsweep.pipeline.spark.SparkSessions;
import dev.diffsweep.pipeline.spark.StudyDriver;
import dev.diffsweep.pipeline.study.Study;
import dev.diffsweep.pipeline.study.StudyLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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

  @Option(names = "--no-analysis", description = "Do not run the aggregation job afterwards.")
  boolean noAnalysis;

  @Option(
      names = "--trainer-main",
      hidden = true,
      description = "Main class of the trainer JVMs (tests use a contract trainer).")
  String trainerMain;

  @Option(
      names = "--force",
      description =
          "Take the study over from another driver whose lease on the study folder has not"
              + " expired yet (use only when that driver is gone: two drivers on one study"
              + " corrupt its tables).")
  boolean force;

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
    StudyDriver.Result result = new StudyDriver(study, conf, out, force).run();
    if (!noAnalysis) {
      AnalysisStep.run(conf, result.folder(), out, "study " + study.name());
    }
    out.printf("[study %s] output: %s%n", study.name(), result.folder());
    out.flush();
    return result.failed() > 0 ? 1 : 0;
  }
}
