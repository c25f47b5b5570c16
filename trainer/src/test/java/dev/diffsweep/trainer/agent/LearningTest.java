package dev.diffsweep.trainer.agent;

import static org.assertj.core.api.Assertions.assertThat;

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
 * ALGORITHMS.md section 6: with default hyperparameters, each agent ends with a deterministic
 * evaluation return of at least 900 on InvertedPendulum-v4 within its step budget (SAC and DiffSAC
 * 15 000, WPO and DiffWPO 30 000, PPO and DiffPPO 200 000 env steps), for every seed. Minutes per
 * case; `mvn -Dlearning test` runs them.
 */
@Tag("learning")
class LearningTest {
  @TempDir Path temp;

  /**
   * SAC and DiffSAC: threshold 900 within 15 000 env steps (5 000 of them uniform warm-up),
   * evaluated every 5 000 steps over 10 episodes, as `bin/diffsweep train` does by default. DiffSAC
   * passes with its default sigma0 = 1 (1000.0 for seeds 1 and 2, 2026-11-25); with the paper's
   * sigma0 = 2.5 it ended near 100-160 (see DiffSacHyperparameters). Rerun through the CLI on
   * 2026-12-02 with the twin critic as two linear chains: SAC 11 / 83 / 1000 (seed 1, 163 s) and 10
   * / 70 / 1000 (seed 2, 114 s), DiffSAC 24 / 85 / 1000 (469 s) and 27 / 61 / 1000 (499 s).
   */
  @ParameterizedTest(name = "{0} seed {1}")
  @CsvSource({"sac, 1", "sac, 2", "diffsac, 1", "diffsac, 2"})
  void reachesNineHundredOnInvertedPendulumWithinFifteenThousandSteps(String algorithm, long seed)
      throws Exception {
    assertReachesNineHundred(algorithm, seed, 15_000, 5_000);
  }

  /**
   * WPO and DiffWPO (off-policy): return >= 900 at the final evaluation after 30 000 env steps,
   * evaluated every 5 000 over 10 episodes (the CLI's defaults). WPO seed 1 was verified with
   * `bin/diffsweep train --algo wpo --env InvertedPendulum-v4 --steps 30000 --seed 1` (1000 from
   * 15k steps on, 485 s on a loaded 2-core machine); seed 2 likewise (1000 from 15k, 347 s). On
   * 2026-12-02 seed 2 fell to 225 at 30k with the actor learning rate 3e-4; WPO's default is now
   * 1e-4 (1000 from 15k on for seeds 0 to 3). DiffWPO (critic targets through the completed chain,
   * sigma0 = 1, alpha = 0.05), through the CLI on 2026-11-25: seed 0 1000 from 25k on (519 s), seed
   * 1 1000 from 20k on (524 s), seed 2 27 / 112 / 85 / 100 / 109 / 1000 at 5k..30k (521 s). With
   * the earlier alpha = 0.01, seed 2 collapsed (5.0 at 10k). Rerun 2026-12-02 after the twin critic
   * became two linear chains and the denoiser's first layer one product (new numerics): WPO seeds 1
   * and 2 here 1000.0 (370 s, 388 s); DiffWPO through the CLI seed 1 24 / 57 / 73 / 87 / 139 / 1000
   * (517 s), seed 2 27 / 102 / 120 / 115 / 1000 / 1000 (539 s).
   */
  @ParameterizedTest(name = "{0} seed {1}")
  @CsvSource({"wpo, 1", "wpo, 2", "diffwpo, 1", "diffwpo, 2"})
  void wassersteinAgentsReachNineHundredWithinThirtyThousandSteps(String algorithm, long seed)
      throws Exception {
    assertReachesNineHundred(algorithm, seed, 30_000, 5_000);
  }

  /**
   * PPO and DiffPPO (on-policy, CleanRL's defaults): 200 000 env steps. Verified through the CLI on
   * 2026-11-25 (three runs at a time on 2 cores), final evaluation 1000.0 for all four: PPO seed 1
   * (274 s) and seed 2 (301 s), DiffPPO seed 1 (962 s; dips to 188-412 between 60k and 75k) and
   * seed 2 (784 s; 1000 from 35k on). DiffPPO again 2026-12-02 after the denoiser's first layer
   * became one product: seed 1 1000 from 35k on (510 s), seed 2 1000 from 40k on (518 s). After
   * PPO's minibatch gradients moved into one native call (2026-12-02): PPO seed 1 and 2 1000 from
   * 15k on (64 s, 71 s in this test); DiffPPO through the CLI 2026-12-03, seed 1 1000 from 35k on
   * (592 s). After DiffPPO's value network moved to native code too (2026-12-03, CLI, both seeds at
   * once): seeds 1 and 2 1000 from 35k on (619 s, 604 s).
   */
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
