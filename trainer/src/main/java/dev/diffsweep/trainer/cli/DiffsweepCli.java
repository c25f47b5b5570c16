package dev.diffsweep.trainer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The trainer's command line: everything that needs no Spark. */
@Command(
    name = "diffsweep",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Diffusion-based maximum-entropy RL studies on MuJoCo.",
    subcommands = {EnvsCommand.class, RolloutCommand.class, TrainCommand.class, BenchCommand.class})
public final class DiffsweepCli {

  public static void main(String[] args) {
    System.exit(OutOfSpace.exitCodeOf(() -> commandLine().execute(args)));
  }

  /** The configured command line, shared by main and the tests. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new DiffsweepCli());
    commandLine.setExecutionExceptionHandler(new UserErrorHandler());
    return commandLine;
  }
}
