package dev.diffsweep.pipeline.trial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.pipeline.study.Study;
import dev.diffsweep.pipeline.study.StudyLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TrialExpansionTest {
  private static final String STUDY =
      """
      name = small
      output = /tmp/studies
      algorithms = [sac, diffsac]
      tasks = [InvertedPendulum-v4, Hopper-v4]
      seeds = 2
      steps = 1000
      evaluation { every = 500, episodes = 2 }
      grid { policy_lr = [3e-4, 1e-3] }
      algorithm-grid { diffsac { diffusion_steps = [2, 4, 8] } }
      """;

  private static List<Trial> expand(String text) {
    Study study = StudyLoader.parse("test.conf", text, Path.of("/"));
    return TrialExpansion.expand(study);
  }

  @Test
  void sizeCountsWhatExpandWouldGiveWithoutListingIt() {
    String perAlgorithm =
        STUDY.replace(
            "steps = 1000",
            "steps { default = 1000, Hopper-v4 = 3000, diffsac = {default = 500} }");
    for (String text : List.of(STUDY, perAlgorithm)) {
      Study study = StudyLoader.parse("test.conf", text, Path.of("/"));
      List<Trial> trials = TrialExpansion.expand(study);

      assertThat(TrialExpansion.size(study))
          .isEqualTo(
              new TrialExpansion.Size(
                  trials.size(), trials.stream().mapToLong(Trial::steps).sum()));
    }
    // 6 keys of 10 values and 1000 seeds: 2e9 trials, counted, not listed.
    Map<String, Double> steps =
        Map.of(
            "policy_lr", 1e-4,
            "q_lr", 1e-4,
            "tau", 1e-3,
            "gamma", 1e-3,
            "batch_size", 16.0,
            "learning_starts", 100.0);
    StringBuilder grid = new StringBuilder("grid { ");
    steps.forEach(
        (key, step) -> {
          grid.append(key).append(" = [");
          for (int value = 1; value <= 10; value++) {
            double number = key.equals("gamma") ? 0.9 + step * value : step * value;
            grid.append(value == 1 ? "" : ", ").append(number);
          }
          grid.append("], ");
        });
    Study huge =
        StudyLoader.parse(
            "test.conf",
            STUDY
                .replace("seeds = 2", "seeds = 1000")
                .replace("grid { policy_lr = [3e-4, 1e-3] }", grid + "}")
                .replace("algorithm-grid { diffsac { diffusion_steps = [2, 4, 8] } }", "")
                .replace("[sac, diffsac]", "[sac]")
                .replace("[InvertedPendulum-v4, Hopper-v4]", "[InvertedPendulum-v4]"),
            Path.of("/"));
    assertThat(TrialExpansion.size(huge))
        .isEqualTo(new TrialExpansion.Size(1_000_000_000L, 1_000_000_000_000L));
  }

  @Test
  void expandsTheCartesianProductPerAlgorithm() {
    List<Trial> trials = expand(STUDY);

    // sac: 2 tasks x 2 learning rates x 2 seeds; diffsac: 2 tasks x 2 x 3 x 2 seeds.
    assertThat(trials).hasSize(8 + 24);
    assertThat(trials.stream().map(Trial::id).collect(Collectors.toSet())).hasSize(32);
    assertThat(trials.get(0).algorithm()).isEqualTo("sac");
    assertThat(trials.get(8).hyperparameters())
        .isEqualTo(Map.of("diffusion_steps", "2", "policy_lr", "3.0E-4"));
  }

  @Test
  void idsAreStableAndIgnoreHowANumberWasWritten() {
    List<Trial> first = expand(STUDY);
    List<Trial> rewritten =
        expand(
            STUDY
                .replace("[3e-4, 1e-3]", "[0.0003, 0.001]")
                .replace("name = small", "name = renamed"));

    assertThat(rewritten.stream().map(Trial::id).toList())
        .isEqualTo(first.stream().map(Trial::id).toList());
    assertThat(first.get(0).id()).matches("sac-InvertedPendulum-v4-s0-[0-9a-f]{10}");
  }

  @Test
  void anyChangeToWhatIsTrainedChangesTheId() {
    Set<String> base = ids(expand(STUDY));

    assertThat(ids(expand(STUDY.replace("steps = 1000", "steps = 2000"))))
        .doesNotContainAnyElementsOf(base);
    assertThat(ids(expand(STUDY.replace("episodes = 2", "episodes = 3"))))
        .doesNotContainAnyElementsOf(base);
    assertThat(ids(expand(STUDY.replace("[3e-4, 1e-3]", "[3e-4, 1e-2]"))))
        .hasSize(32)
        .containsAnyElementsOf(base);
  }

  @Test
  void anEmptyGridIsOnePoint() {
    assertThat(TrialExpansion.cartesianProduct(Map.of()))
        .containsExactly(new java.util.TreeMap<>());
  }

  private static Set<String> ids(List<Trial> trials) {
    return trials.stream().map(Trial::id).collect(Collectors.toSet());
  }
}
