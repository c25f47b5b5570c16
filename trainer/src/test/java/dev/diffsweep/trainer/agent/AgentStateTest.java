package dev.diffsweep.trainer.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.diffsweep.trainer.agent.registry.AlgorithmRegistry;
import dev.diffsweep.trainer.env.Task;
import dev.diffsweep.trainer.env.TaskRegistry;
import dev.diffsweep.trainer.env.TaskSpec;
import dev.diffsweep.trainer.state.StateMismatchException;
import dev.diffsweep.trainer.state.StatePart;
import dev.diffsweep.trainer.state.StateReader;
import dev.diffsweep.trainer.state.StateWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An agent's checkpoint is one list of parts that writing and reading both walk. The listings below
 * pin each agent's layout: a change to them changes the bytes, and checkpoints of earlier builds
 * stop loading.
 */
class AgentStateTest {
  private final long[] counters = new long[2];
  private final double[] value = new double[1];

  private AgentState state(String name) {
    return AgentState.of(name)
        .add("first", StatePart.counter(() -> counters[0], restored -> counters[0] = restored))
        .add(
            "value",
            StatePart.of(out -> out.writeDouble(value[0]), in -> value[0] = in.readDouble()))
        .add("second", StatePart.counter(() -> counters[1], restored -> counters[1] = restored))
        .build();
  }

  private static byte[] write(StatePart part) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (StateWriter out = new StateWriter(bytes)) {
      part.write(out);
    }
    return bytes.toByteArray();
  }

  private static void read(StatePart part, byte[] bytes) throws IOException {
    try (StateReader in = new StateReader(new ByteArrayInputStream(bytes))) {
      part.read(in);
    }
  }

  @Test
  void readingWalksTheListInWritingsOrder() throws IOException {
    AgentState state = state("sac");
    counters[0] = 3;
    counters[1] = 5;
    value[0] = 0.25;
    byte[] bytes = write(state);
    counters[0] = 0;
    counters[1] = 0;
    value[0] = 0;
    read(state, bytes);
    assertThat(counters).containsExactly(3, 5);
    assertThat(value[0]).isEqualTo(0.25);
    assertThat(state.partNames()).containsExactly("first", "value", "second");
  }

  @Test
  void anotherAgentsStateIsRefusedByItsTag() throws IOException {
    byte[] bytes = write(state("sac"));
    assertThatThrownBy(() -> read(state("diffsac"), bytes))
        .isInstanceOf(StateMismatchException.class)
        .hasMessageContaining("agent:diffsac");
  }

  @Test
  void aPartIsListedOnce() {
    StatePart part = StatePart.counter(() -> 0, restored -> {});
    assertThatThrownBy(() -> AgentState.of("sac").add("steps", part).add("steps", part))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("steps");
  }

  private static TaskSpec spec() {
    try (Task task = TaskRegistry.create("InvertedPendulum-v4")) {
      return task.spec();
    }
  }

  private static Agent agent(String algorithm, Map<String, String> settings) {
    return AlgorithmRegistry.get(algorithm)
        .configure(settings)
        .create(spec(), new AgentContext(Device.cpu(), 1, 10_000));
  }

  @Test
  void offPolicyLayouts() {
    List<String> layout =
        List.of(
            "policy",
            "critics",
            "policy optimiser",
            "critic optimiser",
            "temperature",
            "replay buffer",
            "random",
            "env steps",
            "updates",
            "diagnostics");
    for (String algorithm : List.of("sac", "diffsac", "wpo", "diffwpo")) {
      try (Agent agent = agent(algorithm, Map.of("hidden_size", "8"))) {
        assertThat(agent.state().partNames()).as(algorithm).isEqualTo(layout);
      }
    }
    List<String> klBounded = new ArrayList<>(layout);
    klBounded.add(2, "previous policy");
    try (Agent agent = agent("wpo", Map.of("hidden_size", "8", "kl_bound", "0.01"))) {
      assertThat(agent.state().partNames()).isEqualTo(klBounded);
    }
  }

  @Test
  void onPolicyLayout() {
    try (Agent agent = agent("ppo", Map.of("num_steps", "8", "num_minibatches", "2"))) {
      assertThat(agent.state().partNames())
          .containsExactly(
              "policy",
              "value network",
              "policy optimiser",
              "value optimiser",
              "observation statistics",
              "reward scaler",
              "temperature",
              "rollout",
              "random",
              "env steps",
              "iteration",
              "minibatch updates",
              "diagnostics");
    }
  }
}
