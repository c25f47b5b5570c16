package dev.diffsweep.trainer.agent.sac;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.diffsweep.trainer.agent.AgentContext;
import dev.diffsweep.trainer.agent.registry.AlgorithmRegistry;
import dev.diffsweep.trainer.bench.SyntheticExperience;
import dev.diffsweep.trainer.env.Task;
import dev.diffsweep.trainer.env.TaskRegistry;
import dev.diffsweep.trainer.env.TaskSpec;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Two agents in one JVM do not disturb each other (native memory: {@link NativeArraysTest}). */
class SacResourcesTest {
  private static final Map<String, String> SMALL =
      Map.of(
          "hidden_size", "32", "batch_size", "16", "diffusion_steps", "2", "learning_starts", "64");

  private static TaskSpec spec() {
    try (Task task = TaskRegistry.create("InvertedPendulum-v4")) {
      return task.spec();
    }
  }

  private static Sac agent(long seed) {
    return (Sac)
        AlgorithmRegistry.get("diffsac")
            .configure(SMALL)
            .create(spec(), new AgentContext(Device.cpu(), seed, 10_000));
  }

  @Test
  void twoAgentsTrainingInParallelThreadsMatchTrainingAlone() throws Exception {
    float[][] alone;
    try (Sac agent = agent(7)) {
      train(agent);
      alone = agent.policy().parameters().snapshot();
    }
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (Sac first = agent(7);
        Sac second = agent(8)) {
      Future<?> a = threads.submit(() -> train(first));
      Future<?> b = threads.submit(() -> train(second));
      a.get();
      b.get();
      assertThat(first.policy().parameters().snapshot()).isDeepEqualTo(alone);
    } finally {
      threads.shutdown();
    }
  }

  /** 64 steps of replay, then 30 steps that each train. */
  private static void train(Sac agent) {
    new SyntheticExperience(spec(), 1).steps(agent, 65 + 30);
  }
}
