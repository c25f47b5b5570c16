package dev.diffsweep.pipeline.testing;

import dev.diffsweep.pipeline.study.EvaluationSchedule;
import dev.diffsweep.pipeline.trial.TrainerLauncher;
import dev.diffsweep.pipeline.trial.Trial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Trials and launchers for tests that run the {@link ContractTrainer}. */
public final class TestStudies {
  /**
   * SAC on InvertedPendulum small enough to train in seconds (a 16-unit network, a 2000-step
   * buffer, learning from step 100): the algorithm, task and settings of a study file for tests
   * that run real trainers.
   */
  private static final String TINY_SAC =
      """
      algorithms = [sac]
      tasks = [InvertedPendulum-v4]
      grid { learning_starts = 100, batch_size = 16, hidden_size = 16, buffer_size = 2000 }
      """;

  /** {@link #TINY_SAC} beside DiffSAC with two diffusion steps, for a study of two algorithms. */
  private static final String TINY_SAC_AND_DIFFSAC =
      """
      algorithms = [sac, diffsac]
      tasks = [InvertedPendulum-v4]
      grid { learning_starts = 100, batch_size = 16, hidden_size = 16, buffer_size = 2000 }
      algorithm-grid { diffsac { diffusion_steps = 2 } }
      """;

  private TestStudies() {}

  /**
   * A {@link #TINY_SAC} study file: {@code seeds} seeds (0..n-1) of {@code steps} env steps each,
   * evaluated on one episode every {@code evaluateEvery} steps. No output: each test puts the study
   * where its scenario needs (a temporary folder, HDFS, S3) and adds what else it is about.
   */
  public static String tinySacStudy(String name, int seeds, long steps, long evaluateEvery) {
    return TINY_SAC + budget(name, seeds, steps, evaluateEvery);
  }

  /** {@link #tinySacStudy} with DiffSAC beside SAC, as {@link #TINY_SAC_AND_DIFFSAC} says. */
  public static String tinySacAndDiffSacStudy(
      String name, int seeds, long steps, long evaluateEvery) {
    return TINY_SAC_AND_DIFFSAC + budget(name, seeds, steps, evaluateEvery);
  }

  /**
   * Writes {@code study} to FOLDER/study.conf with FOLDER as its output, so that the study's own
   * folder is FOLDER/NAME; returns the file.
   */
  public static Path fileIn(Path folder, String study) throws IOException {
    return Files.writeString(
        folder.resolve("study.conf"), study + "output = \"" + folder.toUri() + "\"\n");
  }

  private static String budget(String name, int seeds, long steps, long evaluateEvery) {
    return """
        name = %s
        seeds = %d
        steps = %d
        evaluation { every = %d, episodes = 1 }
        """
        .formatted(name, seeds, steps, evaluateEvery);
  }

  /**
   * The tune block that tests of `diffsweep tune` append to a study file: {@code trials}
   * configurations of SAC's tau drawn at random from [low, high], each trained with {@code
   * seedsPerTrial} seeds, nothing pruned.
   */
  public static String randomTauTuning(int trials, int seedsPerTrial, double low, double high) {
    return """
        tune {
          trials = %d
          seeds-per-trial = %d
          sampler { type = random }
          space { tau { type = float, low = %s, high = %s } }
        }
        """
        .formatted(trials, seedsPerTrial, low, high);
  }

  public static TrainerLauncher contractTrainer() {
    return TrainerLauncher.forThisJvm(ContractTrainer.class.getName(), List.of("-Xmx128m"));
  }

  public static Trial trial(int seed, long steps, String... settings) {
    SortedMap<String, String> hyperparameters = new TreeMap<>();
    for (String setting : settings) {
      String[] pair = setting.split("=", 2);
      hyperparameters.put(pair[0], pair[1]);
    }
    return Trial.of(
        "test",
        "sac",
        "InvertedPendulum-v4",
        seed,
        steps,
        new EvaluationSchedule(200, 1),
        hyperparameters);
  }
}
