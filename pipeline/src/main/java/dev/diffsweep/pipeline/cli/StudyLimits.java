package dev.diffsweep.pipeline.cli;

import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The size a study or tuning may have before it is refused as a likely typo (seeds = 100000, a step
 * budget with three zeros too many), unless --yes says it is meant; checked before anything is
 * written to the study folder.
 */
final class StudyLimits {
  @Option(
      names = "--yes",
      description = "Run a study larger than --max-trials or --max-env-steps without refusing it.")
  boolean yes;

  @Option(
      names = "--max-trials",
      defaultValue = "10000",
      description =
          "Refuse (unless --yes) a study of more trials than this (default ${DEFAULT-VALUE}).")
  long maxTrials;

  @Option(
      names = "--max-env-steps",
      defaultValue = "10000000000",
      description =
          "Refuse (unless --yes) a study of more env steps in all its trials than this (default"
              + " ${DEFAULT-VALUE}, 100 times conf/paper.conf).")
  long maxEnvSteps;

  /** Refuses (bad input) a study over the limits unless --yes; counts saturate at MAX_VALUE. */
  void check(String study, Path file, long trials, long envSteps) {
    if (yes || trials <= maxTrials && envSteps <= maxEnvSteps) {
      return;
    }
    String over =
        trials > maxTrials
            ? "more than --max-trials " + maxTrials
            : "more than --max-env-steps " + maxEnvSteps;
    throw new IllegalArgumentException(
        String.format(
            "study %s has %s trials and %s env steps in all, %s: check seeds, steps and the"
                + " grid in %s, or rerun with --yes to run it anyway",
            study, count(trials), count(envSteps), over, file));
  }

  static long times(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException overflow) {
      return Long.MAX_VALUE;
    }
  }

  private static String count(long value) {
    return value == Long.MAX_VALUE ? "over 9.2e18" : String.format(Locale.ROOT, "%,d", value);
  }
}
