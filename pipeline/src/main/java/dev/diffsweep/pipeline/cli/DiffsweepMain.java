package dev.diffsweep.pipeline.cli;

import dev.diffsweep.analysis.cli.AnalyzeBenchCommand;
import dev.diffsweep.analysis.cli.AnalyzeCommand;
import dev.diffsweep.trainer.cli.DiffsweepCli;
import dev.diffsweep.trainer.cli.OutOfSpace;
import picocli.CommandLine;

/**
 * The diffsweep command line with Spark: the trainer's commands (envs, rollout, train, bench env)
 * plus the pipeline's (study, tune, verify, bench pipeline) and the analysis job's (analyze, bench
 * analyze).
 */
public final class DiffsweepMain {
  private DiffsweepMain() {}

  public static void main(String[] args) {
    System.exit(OutOfSpace.exitCodeOf(() -> commandLine().execute(args)));
  }

  public static CommandLine commandLine() {
    CommandLine commandLine = DiffsweepCli.commandLine();
    commandLine.addSubcommand("study", new StudyCommand());
    commandLine.addSubcommand("tune", new TuneCommand());
    commandLine.addSubcommand("analyze", new AnalyzeCommand());
    commandLine.addSubcommand("verify", new VerifyCommand());
    commandLine.getSubcommands().get("bench").addSubcommand("analyze", new AnalyzeBenchCommand());
    commandLine.getSubcommands().get("bench").addSubcommand("pipeline", new PipelineBenchCommand());
    return commandLine;
  }
}
