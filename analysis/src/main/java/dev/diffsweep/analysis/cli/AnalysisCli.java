package dev.diffsweep.analysis.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * A stand-alone entry point for the analysis commands, for manual runs before (or besides) the
 * pipeline's {@code diffsweep} main, which registers the same command classes.
 */
@Command(
    name = "diffsweep-analysis",
    mixinStandardHelpOptions = true,
    subcommands = {AnalyzeCommand.class, AnalysisCli.Bench.class})
public final class AnalysisCli {
  /** {@code bench analyze}, as the pipeline's main nests it. */
  @Command(name = "bench", subcommands = AnalyzeBenchCommand.class, description = "Benchmarks.")
  static final class Bench {}

  public static void main(String[] args) {
    int status = new CommandLine(new AnalysisCli()).execute(args);
    System.exit(status);
  }
}
