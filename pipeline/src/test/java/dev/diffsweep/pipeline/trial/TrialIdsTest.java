package dev.diffsweep.pipeline.trial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.pipeline.study.EvaluationSchedule;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TrialIdsTest {
  private static final EvaluationSchedule EVALUATION = new EvaluationSchedule(5000, 10);

  private static String id(Map<String, String> hyperparameters) {
    return id("diffsac", "InvertedPendulum-v4", 1, 15_000, hyperparameters);
  }

  private static String id(
      String algorithm, String task, int seed, long steps, Map<String, String> hyperparameters) {
    return Trial.of(
            "test", algorithm, task, seed, steps, EVALUATION, new TreeMap<>(hyperparameters))
        .id();
  }

  @Test
  void aDefaultWrittenOutOrLeftOutIsTheSameRunAndSoTheSameId() {
    String defaults = id(Map.of());
    assertThat(id(Map.of("sigma0", "1.0"))).isEqualTo(defaults);
    assertThat(id(Map.of("sigma0", "1"))).isEqualTo(defaults);
  }

  @Test
  void aValueOtherThanTheDefaultIsAnotherRun() {
    assertThat(id(Map.of("sigma0", "2.5"))).isNotEqualTo(id(Map.of()));
  }

  @Test
  void aKeyTheAgentDoesNotKnowCountsAsWritten() {
    // Only a test trainer has such switches; StudyLoader refuses them in a study.
    assertThat(id(Map.of("sleep_ms", "5"))).isNotEqualTo(id(Map.of("sleep_ms", "6")));
  }

  @Test
  void theStudyThatRunsATrialDoesNotChangeItsId() {
    Trial here = Trial.of("here", "sac", "Hopper-v4", 0, 1000, EVALUATION, new TreeMap<>());
    Trial there = Trial.of("there", "sac", "Hopper-v4", 0, 1000, EVALUATION, new TreeMap<>());
    assertThat(here.id()).isEqualTo(there.id()).isEqualTo(TrialIds.of(there.withId("x")));
  }

  @Test
  void theIdStartsWithWhatAPersonLooksFor() {
    assertThat(id(Map.of())).matches("diffsac-InvertedPendulum-v4-s1-[0-9a-f]{10}");
  }

  /**
   * PPO's gradient path is how, not what, it computes: at its default it leaves the id PPO trials
   * had before the key existed (so their committed runs stay theirs), any other value is another
   * trial. The id below is the one a PPO trial of these settings had before {@code gradients}.
   */
  @Test
  void anImplementationChoiceAtItsDefaultLeavesTheIdAsBeforeTheKeyExisted() {
    String ppo = ppoId(Map.of());
    assertThat(ppoId(Map.of("gradients", "torch"))).isEqualTo(ppo);
    assertThat(ppoId(Map.of("gradients", "native"))).isNotEqualTo(ppo);
    assertThat(ppo).isEqualTo("ppo-Hopper-v4-s0-d51bec84f6");
  }

  /**
   * {@code last_step_denoiser} was added after the locomotion study ran; off, it is what those runs
   * computed, so the ids below are the ones the diffusion variants had before the key existed.
   */
  @Test
  void anOptionAddedLaterKeepsTheIdsOfEarlierRunsAtItsDefault() {
    for (Map.Entry<String, String> before :
        Map.of(
                "diffsac", "diffsac-Hopper-v4-s0-7c15f97324",
                "diffwpo", "diffwpo-Hopper-v4-s0-01c17d698b",
                "diffppo", "diffppo-Hopper-v4-s0-a878bb0f82")
            .entrySet()) {
      String algorithm = before.getKey();
      assertThat(hopperId(algorithm, Map.of())).isEqualTo(before.getValue());
      assertThat(hopperId(algorithm, Map.of("last_step_denoiser", "false")))
          .isEqualTo(before.getValue());
      assertThat(hopperId(algorithm, Map.of("last_step_denoiser", "true")))
          .isNotEqualTo(before.getValue());
    }
  }

  private static String hopperId(String algorithm, Map<String, String> hyperparameters) {
    return Trial.of(
            "test",
            algorithm,
            "Hopper-v4",
            0,
            100_000,
            new EvaluationSchedule(10000, 5),
            new TreeMap<>(hyperparameters))
        .id();
  }

  private static String ppoId(Map<String, String> hyperparameters) {
    return id("ppo", "Hopper-v4", 0, 1_000_000, hyperparameters);
  }
}
