package dev.diffsweep.trainer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.diffsweep.trainer.agent.registry.AlgorithmRegistry;
import dev.diffsweep.trainer.env.Task;
import dev.diffsweep.trainer.env.TaskRegistry;
import dev.diffsweep.trainer.env.TaskSpec;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Updates and actions leave no arrays on an agent's long-lived manager: one left per call is a leak
 * that grows with the run (it once grew WPO's native heap by 8 MB/s).
 */
class NativeArraysTest {
  private static final double[] OBSERVATION = {0.1, 0, 0, 0};

  @ParameterizedTest
  @ValueSource(strings = {"sac", "diffsac", "ppo", "diffppo", "wpo", "diffwpo"})
  void updatesAndActionsLeaveNoArraysBehind(String algorithm) {
    TaskSpec spec;
    try (Task task = TaskRegistry.create("InvertedPendulum-v4")) {
      spec = task.spec();
    }
    try (BenchmarkableAgent agent =
        (BenchmarkableAgent)
            AlgorithmRegistry.get(algorithm)
                .configure(Map.of())
                .create(spec, new AgentContext(Device.cpu(), 1, 10_000))) {
      agent.prepareForBenchmark();
      for (int i = 0; i < 4; i++) {
        agent.benchmarkUpdate(i);
      }
      int before = agent.longLivedArrayCount();
      for (int i = 4; i < 40; i++) {
        agent.benchmarkUpdate(i);
        agent.act(new double[][] {OBSERVATION});
        agent.actDeterministic(OBSERVATION);
      }
      assertThat(agent.longLivedArrayCount()).as(algorithm).isEqualTo(before);
    }
  }
}
