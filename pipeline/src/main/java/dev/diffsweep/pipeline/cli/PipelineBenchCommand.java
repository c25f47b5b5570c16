package dev.diffsweep.pipeline.cli;

import dev.diffsweep.pipeline.spark.SparkProfile;
import dev.diffsweep.pipeline.spark.SparkSessions;
import dev.diffsweep.pipeline.spark.StudyDriver;
import dev.diffsweep.pipeline.study.Study;
import dev.diffsweep.pipeline.study.StudyLoader;
import dev.diffsweep.pipeline.trial.TrainerLauncher;
import dev.diffsweep.pipeline.trial.TrainerProcess;
import dev.diffsweep.pipeline.trial.Trial;
import dev.diffsweep.pipeline.trial.TrialExpansion;
import dev.diffsweep.trainer.cli.BenchOutput;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The same short trials run as a study on local[2] and one after another by train, in one run.
 * Spark overhead per trial is the core-seconds the study spent beyond the sequential training:
 * (study_s * 2 - sequential_s) / trials.
 */
@Command(
    name = "pipeline",
    description = "A study on local[2] vs the same trials run one after another by train.")
final class PipelineBenchCommand implements Callable<Integer> {
  private static final int SLOTS = 2;

  @Option(names = "--trials", defaultValue = "4", description = "Trials (seeds) in the study.")
  int trials;

  @Option(names = "--steps", defaultValue = "2000", description = "Env steps per trial.")
  long steps;

  @Option(names = "--algo", defaultValue = "sac", description = "Algorithm of every trial.")
  String algorithm;

  @Option(names = "--env", defaultValue = "InvertedPendulum-v4", description = "Task id.")
  String env;

  @Option(
      names = "--json",
      description = "Print {study_s, sequential_s, ratio, overhead_per_trial_s}.")
  boolean json;

  @Option(names = "--trainer-main", hidden = true, description = "Main class of the trainer.")
  String trainerMain = TrainerLauncher.TRAINER_MAIN;

  @Option(names = "--set", hidden = true, description = "Hyperparameters of every trial.")
  Map<String, String> settings = new LinkedHashMap<>();

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("diffsweep-bench-pipeline");
    StringBuilder grid = new StringBuilder();
    settings.forEach((k, v) -> grid.append(k).append(" = \"").append(v).append("\"\n"));
    String text =
        String.format(
            "name = bench%noutput = \"%s\"%nalgorithms = [%s]%ntasks = [%s]%nseeds = %d%n"
                + "steps = %d%nevaluation { every = %d, episodes = 1 }%ngrid {%n%s}%n",
            work.resolve("study").toUri(), algorithm, env, trials, steps, steps, grid);
    Study study = StudyLoader.parse("bench pipeline", text, work);

    SparkConf conf =
        SparkSessions.conf(SparkProfile.resolve("local", work), "local[" + SLOTS + "]", "bench");
    conf.set("spark.diffsweep.trainer.mainClass", trainerMain);
    conf.set("spark.ui.enabled", "false");
    long start = System.nanoTime();
    StudyDriver.Result result =
        new StudyDriver(study, conf, new PrintWriter(new StringWriter())).run();
    double studySeconds = (System.nanoTime() - start) / 1e9;
    if (result.completed() != trials) {
      throw new IllegalStateException(
          "the bench study completed "
              + result.completed()
              + " of "
              + trials
              + " trials; see "
              + result.folder());
    }

    TrainerLauncher launcher = TrainerLauncher.forThisJvm(trainerMain, List.of());
    start = System.nanoTime();
    for (Trial trial : TrialExpansion.expand(study)) {
      Path run = work.resolve("sequential").resolve(trial.id());
      int exit = TrainerProcess.run(launcher.command(trial, run, "cpu"), run.resolve("train.log"));
      if (exit != 0) {
        throw new IllegalStateException(
            "train exited " + exit + ": " + TrainerProcess.tail(run.resolve("train.log"), 10));
      }
    }
    double sequentialSeconds = (System.nanoTime() - start) / 1e9;
    print(studySeconds, sequentialSeconds, work);
    return 0;
  }

  /** The bench's numbers: the study's seconds over the sequential trainers' is the ratio. */
  private record Result(
      int trials,
      long steps,
      double studyS,
      double sequentialS,
      double ratio,
      double overheadPerTrialS) {}

  private void print(double studySeconds, double sequentialSeconds, Path work) {
    double ratio = studySeconds / sequentialSeconds;
    double overhead = (studySeconds * SLOTS - sequentialSeconds) / trials;
    BenchOutput.print(
        command.commandLine().getOut(),
        json,
        new Result(trials, steps, studySeconds, sequentialSeconds, ratio, overhead),
        String.format(
            "%d trials of %d steps: study on local[%d] %.1f s, sequential train %.1f s, ratio"
                + " %.2f, Spark overhead %.2f s per trial (files in %s)",
            trials, steps, SLOTS, studySeconds, sequentialSeconds, ratio, overhead, work));
  }
}
