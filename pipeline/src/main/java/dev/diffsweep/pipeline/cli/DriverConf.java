package dev.diffsweep.pipeline.cli;

import dev.diffsweep.pipeline.spark.SparkProfile;
import dev.diffsweep.pipeline.spark.SparkSessions;
import dev.diffsweep.pipeline.spark.StudyDriver;
import dev.diffsweep.pipeline.study.Study;
import java.nio.file.Path;
import org.apache.spark.SparkConf;

/**
 * The Spark settings of a study's or a tuning's driver: the study's profile (looked up beside its
 * file), then --master, then the trainer main class that tests swap in.
 */
final class DriverConf {
  private DriverConf() {}

  static SparkConf of(Study study, Path file, String master, String trainerMain, String command) {
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
