package dev.diffsweep.pipeline.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diffsweep.trainer.agent.Hyperparameters;
import dev.diffsweep.trainer.agent.sac.DiffSacHyperparameters;
import dev.diffsweep.trainer.agent.sac.SacHyperparameters;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StudyLoaderTest {
  private static final Path CONF = Path.of("..", "conf");
  private static final Path CWD = Path.of("/home/researcher");

  private static final String VALID =
      """
      name = small
      output = work/studies
      algorithms = [sac, diffsac]
      tasks = [InvertedPendulum-v4]
      seeds = [0, 1]
      steps = 1000
      evaluation { every = 500, episodes = 2 }
      grid { policy_lr = [3e-4, 1e-3], batch_size = 256 }
      algorithm-grid { diffsac { diffusion_steps = [2, 4] } }
      """;

  private static Study parse(String text) {
    return StudyLoader.parse("test.conf", text, CWD);
  }

  @Test
  void readsEveryFieldOfAValidStudy() {
    Study study = parse(VALID);

    assertThat(study.name()).isEqualTo("small");
    assertThat(study.output()).isEqualTo("file:///home/researcher/work/studies");
    assertThat(study.folder()).isEqualTo("file:///home/researcher/work/studies/small");
    assertThat(study.algorithms()).containsExactly("sac", "diffsac");
    assertThat(study.seeds()).containsExactly(0, 1);
    assertThat(study.steps().forTask("InvertedPendulum-v4")).isEqualTo(1000);
    assertThat(study.evaluation()).isEqualTo(new EvaluationSchedule(500, 2));
    assertThat(study.gridFor("sac"))
        .isEqualTo(Map.of("batch_size", List.of("256"), "policy_lr", List.of("3.0E-4", "0.001")));
    assertThat(study.gridFor("diffsac")).containsEntry("diffusion_steps", List.of("2", "4"));
    assertThat(study.sparkProfile()).isEqualTo("local");
  }

  @Test
  void keepsAHadoopUriAsItIsAndCountsSeeds() {
    Study study =
        parse(
            VALID
                .replace("output = work/studies", "output = \"hdfs://nn:8020/studies\"")
                .replace("seeds = [0, 1]", "seeds = 3"));

    assertThat(study.folder()).isEqualTo("hdfs://nn:8020/studies/small");
    assertThat(study.seeds()).containsExactly(0, 1, 2);
  }

  @Test
  void givesEachTaskItsOwnStepBudget() {
    Study study =
        parse(
            VALID
                .replace(
                    "tasks = [InvertedPendulum-v4]", "tasks = [InvertedPendulum-v4, Hopper-v4]")
                .replace("steps = 1000", "steps { default = 1000, Hopper-v4 = 5000 }"));

    assertThat(study.steps().forTask("InvertedPendulum-v4")).isEqualTo(1000);
    assertThat(study.steps().forTask("Hopper-v4")).isEqualTo(5000);
  }

  @Test
  void givesAnAlgorithmItsOwnStepBudgetOverTheTasksOnes() {
    Study study =
        parse(
            VALID
                .replace(
                    "tasks = [InvertedPendulum-v4]", "tasks = [InvertedPendulum-v4, Hopper-v4]")
                .replace(
                    "steps = 1000",
                    "steps { default = 1000, Hopper-v4 = 5000, diffsac { default = 9000,"
                        + " Hopper-v4 = 7000 } }"));

    assertThat(study.steps().forTrial("sac", "InvertedPendulum-v4")).isEqualTo(1000);
    assertThat(study.steps().forTrial("sac", "Hopper-v4")).isEqualTo(5000);
    assertThat(study.steps().forTrial("diffsac", "InvertedPendulum-v4")).isEqualTo(9000);
    assertThat(study.steps().forTrial("diffsac", "Hopper-v4")).isEqualTo(7000);
  }

  @Test
  void keepsTheIdentityOfAStudyWithoutAlgorithmBudgets() {
    assertThat(parse(VALID).identity()).contains("steps = 1000 {}\n");
  }

  @Test
  void refusesAnAlgorithmBudgetThatLeavesATaskWithout() {
    assertThatThrownBy(
            () ->
                parse(
                    VALID
                        .replace(
                            "tasks = [InvertedPendulum-v4]",
                            "tasks = [InvertedPendulum-v4, Hopper-v4]")
                        .replace("steps = 1000", "steps { diffsac = 100, Hopper-v4 = 5 }")))
        .isInstanceOf(StudyFileException.class)
        .hasMessageContaining("steps: give a default or a budget for every task")
        .hasMessageContaining("of sac");
  }

  @Test
  void readsTheStudysOwnComparePairsInFileOrder() {
    Study study = parse(VALID + "\ncompare { diffsac = sac }\n");

    assertThat(study.compare()).containsExactly(Map.entry("diffsac", "sac"));
    assertThat(study.identity()).isEqualTo(parse(VALID).identity());
  }

  @Test
  void refusesComparePairsOutsideTheStudyNamingTheFileAndKey() {
    assertThatThrownBy(() -> parse(VALID + "\ncompare { diffsac = ppo, wpo = sac, sac = sac }\n"))
        .isInstanceOf(StudyFileException.class)
        .hasMessageContaining("test.conf")
        .hasMessageContaining(
            "compare.diffsac: its base \"ppo\" is not one of the study's algorithms (allowed:"
                + " sac, diffsac)")
        .hasMessageContaining("compare.wpo: not one of the study's algorithms")
        .hasMessageContaining("compare.sac: an algorithm cannot be compared with itself");
  }

  @Test
  void refusesAnUnknownKeyNamingTheFileTheKeyAndTheAllowedKeys() {
    assertThatThrownBy(() -> parse(VALID + "\nlearning_rate = 0.1\n"))
        .isInstanceOf(StudyFileException.class)
        .hasMessageContaining("test.conf")
        .hasMessageContaining("learning_rate: unknown key")
        .hasMessageContaining("allowed: name, output, algorithms");
  }

  @Test
  void refusesAnUnknownAlgorithmAndAnUnknownTaskTogether() {
    StudyFileException error =
        rejected(
            VALID
                .replace("[sac, diffsac]", "[sac, dqn]")
                .replace("InvertedPendulum-v4]", "CartPole-v1]"));

    assertThat(error.problems())
        .containsExactly(
            "algorithms: unknown value 'dqn' (allowed: "
                + String.join(", ", dev.diffsweep.trainer.agent.registry.AlgorithmRegistry.names())
                + ")",
            "tasks: unknown value 'CartPole-v1' (allowed: HalfCheetah-v4, Hopper-v4, Walker2d-v4,"
                + " Ant-v4, Humanoid-v4, InvertedPendulum-v4, InvertedDoublePendulum-v4,"
                + " Swimmer-v4, Reacher-v4, Pusher-v4, HumanoidStandup-v4)",
            "algorithm-grid.diffsac: not one of the study's algorithms (allowed: sac)");
  }

  @Test
  void refusesWrongTypesSayingWhatWasExpected() {
    StudyFileException error =
        rejected(
            VALID
                .replace("steps = 1000", "steps = lots")
                .replace("seeds = [0, 1]", "seeds = [0, -1]")
                .replace("batch_size = 256", "batch_size { small = 1 }")
                .replace("episodes = 2", "episodes = 2, warmup = 1"));

    assertThat(error.problems())
        .containsExactlyInAnyOrder(
            "seeds: -1 is not a seed (allowed: a non-negative integer up to 2147483647)",
            "steps: expected a positive integer, or {default = N, <task> = M, <algorithm> = M or"
                + " {default = N, <task> = M}}, got \"lots\"",
            "evaluation.warmup: unknown key (allowed: every, episodes)",
            "grid.batch_size: expected a number, string or boolean, or a non-empty list of them,"
                + " got {\"small\":1}");
  }

  @Test
  void refusesHyperparametersTheTrainerDoesNotKnowOrAccept() {
    StudyFileException error =
        rejected(
            VALID
                .replace("batch_size = 256", "batch_size = [256, -1], diffusion_steps = 4")
                .replace("diffusion_steps = [2, 4]", "diffusion_steps = 2, lerning_rate = 1"));

    assertThat(error.getMessage()).startsWith("invalid study file test.conf:");
    assertThat(error.problems())
        .containsExactly(
            "grid.batch_size: sac refuses '-1': batch_size must be > 0, got -1.0",
            "grid.diffusion_steps: not a hyperparameter of sac (allowed: "
                + Hyperparameters.allowed(SacHyperparameters.defaults())
                + ")",
            "grid.batch_size: diffsac refuses '-1': batch_size must be > 0, got -1.0",
            "algorithm-grid.diffsac.lerning_rate: not a hyperparameter of diffsac (allowed: "
                + Hyperparameters.allowed(DiffSacHyperparameters.defaults())
                + ")");
    assertThat(error.problems().get(1)).contains("policy_lr (double, default 3.0E-4)");
  }

  @Test
  void refusesStepBudgetsOverTheBoundInsteadOfClampingThem() {
    StudyFileException flat = rejected(VALID.replace("1000", "1e30"));
    StudyFileException perTask =
        rejected(
            VALID.replace(
                "steps = 1000", "steps { default = 1000, InvertedPendulum-v4 = 2000000000 }"));

    assertThat(flat.getMessage())
        .isEqualTo(
            "invalid study file test.conf: steps: 1.0E30 is over the limit of 1000000000 env steps"
                + " (allowed: 1 to 1000000000)");
    assertThat(perTask.problems())
        .containsExactly(
            "steps.InvertedPendulum-v4: 2000000000 is over the limit of 1000000000 env steps"
                + " (allowed: 1 to 1000000000)");
  }

  @Test
  void refusesSeedCountsOverTheBoundAtOnce() {
    for (String count : List.of("2147483647", "1000000", "1001")) {
      StudyFileException error = rejected(VALID.replace("seeds = [0, 1]", "seeds = " + count));
      assertThat(error.problems())
          .containsExactly(
              "seeds: "
                  + count
                  + " seeds are more than a study runs (allowed: 1 to 1000); give"
                  + " fewer");
    }
    assertThat(parse(VALID.replace("seeds = [0, 1]", "seeds = 1000")).seeds()).hasSize(1000);
  }

  @Test
  void seedsFollowTheTrainersRule() {
    StudyFileException tooLarge =
        rejected(VALID.replace("seeds = [0, 1]", "seeds = [0, 2147483648]"));
    StudyFileException fraction = rejected(VALID.replace("seeds = [0, 1]", "seeds = [0.5]"));

    assertThat(tooLarge.problems())
        .containsExactly(
            "seeds: 2147483648 is not a seed (allowed: a non-negative integer up to 2147483647)");
    assertThat(fraction.problems())
        .containsExactly(
            "seeds: 0.5 is not a seed (allowed: a non-negative integer up to 2147483647)");
    assertThat(parse(VALID.replace("seeds = [0, 1]", "seeds = [0, 2147483647]")).seeds())
        .containsExactly(0, 2147483647);
  }

  @Test
  void aSyntaxErrorNamesTheFileAndTheLineInOneLine() {
    StudyFileException error = rejected(VALID.replace("seeds = [0, 1]", "seeds = [0, 1]]"));
    StudyFileException unresolved = rejected(VALID.replace("steps = 1000", "steps = ${budget}"));

    assertThat(error.getMessage())
        .startsWith("invalid study file test.conf: line 5: ")
        .contains("fix the HOCON syntax on that line")
        .doesNotContain("\n");
    assertThat(unresolved.getMessage())
        .startsWith("invalid study file test.conf: line 6: ")
        .contains("budget")
        .doesNotContain("\n");
  }

  @Test
  void reportsMissingKeys() {
    StudyFileException error = rejected("name = x\n");

    assertThat(error.problems())
        .contains(
            "output: missing",
            "algorithms: missing",
            "tasks: missing",
            "seeds: missing",
            "steps: missing",
            "evaluation: missing");
  }

  @Test
  void loadsTheShippedStudies() {
    Study quickstart = StudyLoader.load(CONF.resolve("quickstart.conf"));
    Study paper = StudyLoader.load(CONF.resolve("paper.conf"));
    Study ablation = StudyLoader.load(CONF.resolve("ablation-diffusion-steps.conf"));
    Study locomotion = StudyLoader.load(CONF.resolve("locomotion.conf"));

    assertThat(quickstart.algorithms()).containsExactly("diffsac", "sac");
    assertThat(quickstart.tasks()).containsExactly("InvertedPendulum-v4", "Hopper-v4");
    assertThat(paper.algorithms())
        .containsExactlyInAnyOrder("sac", "diffsac", "ppo", "diffppo", "wpo", "diffwpo");
    assertThat(locomotion.algorithms()).isEqualTo(paper.algorithms());
    assertThat(locomotion.steps().forTrial("diffsac", "Hopper-v4")).isEqualTo(100_000);
    assertThat(locomotion.steps().forTrial("diffppo", "HalfCheetah-v4")).isEqualTo(1_000_000);
    assertThat(paper.tasks()).hasSize(5);
    assertThat(paper.seeds()).hasSize(10);
    assertThat(paper.steps().forTask("Humanoid-v4")).isEqualTo(1_000_000);
    assertThat(ablation.gridFor("diffsac").get("diffusion_steps"))
        .containsExactly("1", "2", "4", "8", "16");
  }

  /** The error a study text is refused with; fails the test if it is accepted. */
  private static StudyFileException rejected(String text) {
    try {
      parse(text);
    } catch (StudyFileException e) {
      return e;
    }
    throw new AssertionError("the study was accepted");
  }
}
