package dev.diffsweep.pipeline.trial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.pipeline.study.EvaluationSchedule;
import dev.diffsweep.pipeline.study.Study;
import dev.diffsweep.pipeline.study.StudyLoader;
import dev.diffsweep.trainer.agent.Hyperparameters;
import dev.diffsweep.trainer.agent.registry.AlgorithmRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a person sees of the hyperparameters must not move when their records are reorganised: every
 * algorithm's key listing (key, type, default, in order, as {@code --set nosuchkey=1} prints it)
 * and the trial id of every trial of every shipped study file. The golden file was written by the
 * code before the records were composed; {@code -Dgolden.update} rewrites it (only do that when a
 * change of ids is intended, as it makes reruns train everything again).
 */
class ShippedStudiesGoldenTest {
  private static final Path CONF = Path.of("..", "conf");
  private static final Path GOLDEN =
      Path.of("src", "test", "resources", "golden", "shipped-studies.txt");

  @Test
  void keyListingsAndTrialIdsAreThoseTheShippedStudiesWereWrittenFor() throws IOException {
    String current = listing();
    if (System.getProperty("golden.update") != null) {
      Files.writeString(GOLDEN, current, StandardCharsets.UTF_8);
    }
    assertThat(current).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }

  private static String listing() throws IOException {
    StringBuilder text = new StringBuilder();
    for (String algorithm : AlgorithmRegistry.names()) {
      text.append("keys ")
          .append(algorithm)
          .append(": ")
          .append(Hyperparameters.allowed(AlgorithmRegistry.get(algorithm).defaults()))
          .append('\n');
      // Every default resolved into the id, with no study around it.
      text.append("defaults id ")
          .append(
              Trial.of(
                      "test",
                      algorithm,
                      "Hopper-v4",
                      0,
                      1_000_000,
                      new EvaluationSchedule(5000, 10),
                      new TreeMap<>())
                  .id())
          .append('\n');
    }
    List<Path> files;
    try (Stream<Path> listed = Files.list(CONF)) {
      files = listed.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
    }
    for (Path file : files) {
      Study study = StudyLoader.load(file);
      text.append("study ").append(file.getFileName()).append('\n');
      for (Trial trial : TrialExpansion.expand(study)) {
        text.append("  ")
            .append(trial.id())
            .append(' ')
            .append(trial.hyperparameters())
            .append('\n');
      }
      if (study.tune() != null) {
        // A tuning trial's id is its fixed settings plus the proposal's values.
        String algorithm = study.algorithms().get(0);
        TreeMap<String, String> proposal = new TreeMap<>();
        study.gridFor(algorithm).forEach((key, values) -> proposal.put(key, values.get(0)));
        proposal.putAll(
            Map.of(
                "policy_lr", "0.001", "batch_size", "64", "tau", "0.01", "diffusion_steps", "4"));
        text.append("  tuning ")
            .append(
                Trial.of(
                        "test",
                        algorithm,
                        study.tasks().get(0),
                        0,
                        study.steps().forTask(study.tasks().get(0)),
                        study.evaluation(),
                        proposal)
                    .id())
            .append('\n');
      }
    }
    return text.toString();
  }
}
