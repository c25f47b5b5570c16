package dev.diffsweep.trainer.agent.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.diffsweep.trainer.agent.AgentContext;
import dev.diffsweep.trainer.agent.registry.AlgorithmRegistry;
import dev.diffsweep.trainer.bench.SyntheticExperience;
import dev.diffsweep.trainer.env.Task;
import dev.diffsweep.trainer.env.TaskRegistry;
import dev.diffsweep.trainer.env.TaskSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DiffPPO's temperature: fixed by default, tuned towards a target entropy on request. */
class DiffPpoTemperatureTest {

  private static TaskSpec spec() {
    try (Task task = TaskRegistry.create("InvertedPendulum-v4")) {
      return task.spec();
    }
  }

  private static Ppo agent(Map<String, String> temperature) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("hidden_size", "16");
    settings.put("denoiser_hidden", "16");
    settings.put("diffusion_steps", "2");
    settings.put("num_steps", "64");
    settings.put("num_minibatches", "4");
    // 64 steps of 2 chain rows in minibatches of 32, five epochs: 20 minibatch updates a rollout.
    settings.put("update_epochs", "5");
    settings.putAll(temperature);
    return (Ppo)
        AlgorithmRegistry.get("diffppo")
            .configure(settings)
            .create(spec(), new AgentContext(Device.cpu(), 3, 10_000));
  }

  /** alpha after one rollout's training: 20 minibatch updates. */
  private static double alphaAfterOneRollout(Map<String, String> temperature) {
    try (Ppo agent = agent(temperature)) {
      new SyntheticExperience(spec(), 3).steps(agent, 64);
      return agent.diagnostics().alpha();
    }
  }

  @Test
  void aFixedTemperatureStaysWhereItWasSet() {
    assertThat(alphaAfterOneRollout(Map.of("alpha", "0.02"))).isEqualTo(0.02);
  }

  @Test
  void aTunedTemperatureFallsWhileTheChainIsMoreRandomThanItsTarget() {
    // Target entropy -50 for the one actuator: far below any chain's, so alpha must fall, by
    // about alpha_lr per Adam step in log space.
    Map<String, String> tuned =
        Map.of("autotune", "true", "alpha", "0.02", "ent_target_mult", "50", "alpha_lr", "0.01");
    double alpha = alphaAfterOneRollout(tuned);

    assertThat(alpha).isLessThan(0.02 * Math.exp(-0.01 * 20 * 0.5));
    assertThat(alpha).isGreaterThan(0.02 * Math.exp(-0.01 * 20 * 1.5));
  }

  @Test
  void tuningFromZeroIsRefusedWithTheReason() {
    assertThatThrownBy(() -> agent(Map.of("autotune", "true", "alpha", "0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("autotune needs a positive alpha");
  }
}
