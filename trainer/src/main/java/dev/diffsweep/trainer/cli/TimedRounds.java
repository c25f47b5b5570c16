package dev.diffsweep.trainer.cli;

import picocli.CommandLine.Option;

/**
 * The bench commands' rounds: a benchmark and its reference alternate for --rounds rounds of about
 * --seconds each, and the best of each side counts, so a busy machine slows both alike.
 */
final class TimedRounds {
  @Option(names = "--rounds", defaultValue = "5", description = "Alternating rounds per side.")
  int rounds;

  @Option(
      names = "--seconds",
      defaultValue = "1.0",
      description = "Approximate length of one timed round per side.")
  double seconds;
}
