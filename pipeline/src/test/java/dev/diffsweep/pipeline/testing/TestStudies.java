package dev.diffsweep.pipeline.testing;

import dev.diffsweep.pipeline.study.EvaluationSchedule;
import dev.diffsweep.pipeline.trial.TrainerLauncher;
import dev.diffsweep.pipeline.trial.Trial;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Trials and launchers for tests that run the {@link ContractTrainer}. */
public final class TestStudies {
  private TestStudies() {}

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
