package dev.diffsweep.trainer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.trainer.agent.registry.AlgorithmRegistry;
import dev.diffsweep.trainer.run.RunConfig;
import dev.diffsweep.trainer.run.RunOutcome;
import dev.diffsweep.trainer.run.TrainerRun;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/ALGORITHMS.md, section 11.2 (learning tests): with default hyperparameters, each agent ends
 * with a deterministic evaluation return of at least 900 on InvertedPendulum-v4 within its step
 * budget (SAC and DiffSAC 15 000, WPO 30 000, DiffWPO 40 000, PPO and DiffPPO 200 000 env steps),
 * for every seed. Minutes per case; `mvn -Dlearning test` runs them. The dated runs behind the
 * budgets are in docs/EXPERIMENTS.md.
 */
@Tag("learning")
class LearningTest {
  @TempDir Path temp;

  /**
   * SAC and DiffSAC: threshold 900 within 15 000 env steps (5 000 of them uniform warm-up),
   * evaluated every 5 000 steps over 10 episodes, as `bin/diffsweep train` does by default. DiffSAC
   * passes with its default sigma0 = 1, not with the paper's 2.5 (docs/ALGORITHMS.md, section
   * 10.1).
   */
  @ParameterizedTest(name = "{0} seed {1}")
  @CsvSource({"sac, 1", "sac, 2", "diffsac, 1", "diffsac, 2"})
  void reachesNineHundredOnInvertedPendulumWithinFifteenThousandSteps(String algorithm, long seed)
      throws Exception {
    assertReachesNineHundred(algorithm, seed, 15_000, 5_000);
  }

  /**
   * WPO and DiffWPO (off-policy): return >= 900 at the final evaluation after 30 000 (WPO) and 40
   * 000 (DiffWPO) env steps, evaluated every 5 000 over 10 episodes (the CLI's defaults). DiffWPO
   * learns the task between 25 000 and 35 000 steps; at 30 000 five of seeds 1-6 stand at 1000 and
   * seed 2 is in a dip of that transition, at 40 000 all six do (docs/EXPERIMENTS.md, 2026-12-05).
   * The defaults they pass with (WPO's actor learning rate 1e-4; DiffWPO's critic targets through
   * the completed chain, sigma0 = 1, alpha = 0.05) are explained in docs/ALGORITHMS.md, sections
   * 10.1, 10.2, 10.4 and 10.6.
   */
  @ParameterizedTest(name = "{0} seed {1}")
  @CsvSource({"wpo, 1, 30000", "wpo, 2, 30000", "diffwpo, 1, 40000", "diffwpo, 2, 40000"})
  void wassersteinAgentsReachNineHundredWithinTheirBudget(String algorithm, long seed, long steps)
      throws Exception {
    assertReachesNineHundred(algorithm, seed, steps, 5_000);
  }

  /** PPO and DiffPPO (on-policy, CleanRL's defaults): 200 000 env steps, evaluated every 20 000. */
  @ParameterizedTest(name = "{0} seed {1}")
  @CsvSource({"ppo, 1", "ppo, 2", "diffppo, 1", "diffppo, 2"})
  void onPolicyAgentsReachNineHundredWithinTwoHundredThousandSteps(String algorithm, long seed)
      throws Exception {
    assertReachesNineHundred(algorithm, seed, 200_000, 20_000);
  }

  private void assertReachesNineHundred(String algorithm, long seed, long steps, long evalEvery)
      throws Exception {
    Path dir = temp.resolve(algorithm + "-" + seed);
    RunConfig config =
        new RunConfig(
            AlgorithmRegistry.get(algorithm).configure(Map.of()),
            "InvertedPendulum-v4",
            seed,
            steps,
            dir,
            dir.getFileName().toString(),
            evalEvery,
            10,
            evalEvery,
            "cpu",
            false);
    long start = System.nanoTime();
    RunOutcome outcome = new TrainerRun(config, System.out).run();
    System.out.printf(
        "LEARNING %s seed %d: final evaluation return %.1f after %d env steps, %.0f s%n",
        algorithm,
        seed,
        outcome.finalEvalReturn(),
        outcome.envSteps(),
        (System.nanoTime() - start) / 1e9);
    assertThat(outcome.completed()).isTrue();
    assertThat(outcome.finalEvalReturn()).isGreaterThanOrEqualTo(900);
  }
}
