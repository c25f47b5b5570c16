package dev.diffsweep.pipeline.spark;

import java.nio.file.Path;

/** The shipped profiles, as tests load them. */
final class SparkProfileFixtures {
  private SparkProfileFixtures() {}

  static SparkProfile local() {
    return SparkProfile.resolve("local", Path.of("..", "conf"));
  }
}
