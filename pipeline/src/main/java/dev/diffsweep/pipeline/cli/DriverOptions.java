package dev.diffsweep.pipeline.cli;

import dev.diffsweep.pipeline.spark.SparkProfile;
import dev.diffsweep.pipeline.spark.SparkSessions;
import dev.diffsweep.pipeline.spark.StudyDriver;
import dev.diffsweep.pipeline.study.Study;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What a driver command (`study`, `tune`) takes besides its study file: where Spark runs, which
 * trainer its tasks start, whether it takes a lease over and how large a study it runs unasked.
 */
final class DriverOptions {
  @Option(
      names = "--master",
      description = "Spark master, e.g. local[2,3] or spark://host:7077 (default: the profile's).")
  String master;

  @Option(
      names = "--trainer-main",
      hidden = true,
      description = "Main class of the trainer JVMs (tests use a contract trainer).")
  String trainerMain;

  @Mixin LeaseTakeover takeover;

  @Mixin StudyLimits limits;

  /**
   * The driver's Spark settings: the study's profile (looked up beside its file), then --master,
   * then the trainer main class that tests swap in.
   */
  SparkConf sparkConf(Study study, Path file, String command) {
    SparkProfile profile =
        SparkProfile.resolve(study.sparkProfile(), file.toAbsolutePath().getParent());
    SparkConf conf =
        SparkSessions.conf(profile, master, "diffsweep " + command + " " + study.name());
    if (trainerMain != null) {
      conf.set(StudyDriver.TRAINER_MAIN_KEY, trainerMain);
    }
    return conf;
  }
}
