package dev.diffsweep.pipeline.spark;

import java.nio.file.Path;
import org.apache.spark.SparkConf;

/** The shipped profiles, as tests load them. */
final class SparkProfileFixtures {
  private SparkProfileFixtures() {}

  static SparkProfile local() {
    return SparkProfile.resolve("local", Path.of("..", "conf"));
  }

  /**
   * The driver settings of the tests that train real trainers: the local profile on local[2,3] (two
   * slots, a failed task tried up to three times), trainers with a 256 MiB heap, no Spark UI.
   */
  static SparkConf localDriver() {
    SparkConf conf = SparkSessions.conf(local(), "local[2,3]", "test");
    conf.set(StudyDriver.TRAINER_OPTIONS_KEY, "-Xmx256m");
    conf.set("spark.ui.enabled", "false");
    return conf;
  }
}
