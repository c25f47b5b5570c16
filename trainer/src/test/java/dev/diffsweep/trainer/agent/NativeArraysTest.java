package dev.diffsweep.trainer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.diffsweep.trainer.agent.registry.AlgorithmRegistry;
import dev.diffsweep.trainer.bench.SyntheticExperience;
import dev.diffsweep.trainer.env.Task;
import dev.diffsweep.trainer.env.TaskRegistry;
import dev.diffsweep.trainer.env.TaskSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Training and acting leave no arrays on an agent's long-lived manager: one left per call is a leak
 * that grows with the run (it once grew WPO's native heap by 8 MB/s). Off-policy agents learn from
 * step 65 on; on-policy agents train at the end of every 64-step rollout.
 */
class NativeArraysTest {
  private static final double[] OBSERVATION = {0.1, 0, 0, 0};
  private static final String OFF_POLICY = "learning_starts=64;batch_size=32";
  private static final String ON_POLICY = "num_steps=64;num_minibatches=4";

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "sac, " + OFF_POLICY,
    "diffsac, " + OFF_POLICY,
    "wpo, " + OFF_POLICY,
    "diffwpo, " + OFF_POLICY,
    "ppo, " + ON_POLICY,
    "diffppo, " + ON_POLICY
  })
  void trainingAndActingLeaveNoArraysBehind(String algorithm, String settings) {
    TaskSpec spec;
    try (Task task = TaskRegistry.create("InvertedPendulum-v4")) {
      spec = task.spec();
    }
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String setting : settings.split(";")) {
      String[] keyAndValue = setting.split("=");
      overrides.put(keyAndValue[0], keyAndValue[1]);
    }
    SyntheticExperience experience = new SyntheticExperience(spec, 1);
    try (Agent agent =
        AlgorithmRegistry.get(algorithm)
            .configure(overrides)
            .create(spec, new AgentContext(Device.cpu(), 1, 10_000))) {
      // Two rollouts, or 64 steps of training: whatever an agent allocates once is there by now.
      experience.steps(agent, 128);
      int before = agent.longLivedArrayCount();
      for (int i = 0; i < 3; i++) {
        experience.steps(agent, 64);
        agent.actDeterministic(OBSERVATION);
      }
      assertThat(agent.longLivedArrayCount()).as(algorithm).isEqualTo(before);
    }
  }
}
