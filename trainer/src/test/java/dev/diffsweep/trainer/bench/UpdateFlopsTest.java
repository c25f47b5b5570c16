package dev.diffsweep.trainer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diffsweep.trainer.agent.registry.AlgorithmRegistry;
import dev.diffsweep.trainer.env.Task;
import dev.diffsweep.trainer.env.TaskRegistry;
import dev.diffsweep.trainer.env.TaskSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * bench update's FLOP counts on HalfCheetah-v4 with the defaults are the ones the agents and
 * policies counted themselves before the counting moved into the bench (bench update --json at
 * commit 73e0d7f), so its ratios stay comparable across that move.
 */
class UpdateFlopsTest {

  private static TaskSpec halfCheetah() {
    try (Task task = TaskRegistry.create("HalfCheetah-v4")) {
      return task.spec();
    }
  }

  private static long flops(String algorithm, Map<String, String> overrides) {
    Map<String, String> hp =
        AlgorithmRegistry.get(algorithm).configure(overrides).hyperparameters();
    return UpdateFlops.perUnit(algorithm, hp, halfCheetah());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "sac, 577110016",
    "diffsac, 1560674304",
    "wpo, 573964288",
    "diffwpo, 860880896",
    "ppo, 3874816",
    "diffppo, 235995136"
  })
  void theDefaultsCountAsTheAgentsCountedThem(String algorithm, long expected) {
    assertThat(flops(algorithm, Map.of())).isEqualTo(expected);
  }

  @Test
  void theKlBoundAddsTheTrailingActorsKernelPass() {
    // WPO's Gaussian kernel on HalfCheetah's sizes at batch 256: 2 * 256 * (17*256 + 256*256 +
    // 256*6).
    long kernelForward = 2L * 256 * (17 * 256 + 256 * 256 + 256 * 6);
    assertThat(flops("wpo", Map.of("kl_bound", "0.01")))
        .isEqualTo(flops("wpo", Map.of()) + kernelForward);
  }

  @Test
  void flopsGrowWithTheChainForTheDiffusionVariants() {
    assertThat(flops("diffsac", Map.of("diffusion_steps", "16")))
        .isGreaterThan(flops("diffsac", Map.of("diffusion_steps", "8")));
    assertThat(flops("diffppo", Map.of("diffusion_steps", "16")))
        .isGreaterThan(flops("diffppo", Map.of("diffusion_steps", "8")));
  }

  @Test
  void anAlgorithmWithoutAModelIsNamed() {
    assertThatThrownBy(() -> UpdateFlops.perUnit("mystery", Map.of(), halfCheetah()))
        .hasMessage("mystery has no FLOP model in bench update");
  }
}
