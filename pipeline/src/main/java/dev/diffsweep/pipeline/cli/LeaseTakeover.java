package dev.diffsweep.pipeline.cli;

import picocli.CommandLine.Option;

/** Whether `study` or `tune` takes the study's lease over from another driver at once. */
final class LeaseTakeover {
  @Option(
      names = "--force",
      description =
          "Take the study over from another driver whose lease on the study folder has not"
              + " expired yet (use only when that driver is gone: two drivers on one study"
              + " corrupt its tables).")
  boolean force;
}
