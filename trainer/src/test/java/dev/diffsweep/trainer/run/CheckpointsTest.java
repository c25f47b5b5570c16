package dev.diffsweep.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.diffsweep.trainer.agent.Agent;
import dev.diffsweep.trainer.agent.AgentContext;
import dev.diffsweep.trainer.agent.ConfiguredAlgorithm;
import dev.diffsweep.trainer.agent.ReplayBuffer;
import dev.diffsweep.trainer.agent.Transition;
import dev.diffsweep.trainer.agent.registry.AlgorithmRegistry;
import dev.diffsweep.trainer.env.Task;
import dev.diffsweep.trainer.env.TaskRegistry;
import dev.diffsweep.trainer.env.TaskSpec;
import dev.diffsweep.trainer.state.RandomStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real SAC agent's checkpoints: replay rows in append-only segments the manifest lists. */
class CheckpointsTest {
  private static final int CAPACITY = 300;
  private static final ConfiguredAlgorithm SAC =
      AlgorithmRegistry.get("sac").configure(Map.of("hidden_size", "8"));

  @TempDir Path run;

  private static TaskSpec spec() {
    try (Task task = TaskRegistry.create("InvertedPendulum-v4")) {
      return task.spec();
    }
  }

  private static Agent agent() {
    return SAC.create(spec(), new AgentContext(Device.cpu(), 1, CAPACITY));
  }

  private RunConfig runConfig() {
    return new RunConfig(
        SAC, "InvertedPendulum-v4", 1, CAPACITY, run, "t", 100, 1, 100, "cpu", false);
  }

  private static void add(Agent agent, Random random, int rows) {
    ReplayBuffer buffer = agent.replayBuffer().orElseThrow();
    for (int i = 0; i < rows; i++) {
      double[] observation = {random.nextGaussian(), 0, 0, 0};
      double[] next = {random.nextGaussian(), 1, 1, 1};
      buffer.add(new Transition(observation, new double[] {0.5}, 1.0, next, i % 7 == 0, false));
    }
  }

  private List<String> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(run.resolve("replay"))) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void eachCheckpointAppendsOneSegmentAndDropsThoseTheRingOverwrote() throws IOException {
    Checkpoints checkpoints = new Checkpoints(run);
    Random random = new Random(1);
    try (Agent agent = agent()) {
      add(agent, random, 200);
      checkpoints.save(runConfig().identity(), new RunState(), agent);
      add(agent, random, 100);
      checkpoints.save(runConfig().identity(), new RunState(), agent);
      assertThat(segmentFiles())
          .containsExactly(
              "rows-000000000000-000000000200.bin", "rows-000000000200-000000000300.bin");
      add(agent, random, 250);
      checkpoints.save(runConfig().identity(), new RunState(), agent);

      // Rows 250..549 are held: the first segment's rows are all overwritten.
      assertThat(segmentFiles())
          .containsExactly(
              "rows-000000000200-000000000300.bin", "rows-000000000300-000000000550.bin");
      try (Agent resumed = agent()) {
        new Checkpoints(run).load(runConfig(), resumed);
        ReplayBuffer.Batch expected =
            agent.replayBuffer().orElseThrow().sample(500, new RandomStream(3));
        ReplayBuffer.Batch actual =
            resumed.replayBuffer().orElseThrow().sample(500, new RandomStream(3));
        assertThat(actual.observations()).isEqualTo(expected.observations());
        assertThat(actual.nextObservations()).isEqualTo(expected.nextObservations());
        assertThat(actual.terminated()).isEqualTo(expected.terminated());
      }
    }
  }

  @Test
  void aDamagedOrMissingSegmentIsRefusedNamingTheFileAndTheFix() throws IOException {
    try (Agent agent = agent()) {
      add(agent, new Random(2), 120);
      new Checkpoints(run).save(runConfig().identity(), new RunState(), agent);
    }
    Path segment = run.resolve("replay/rows-000000000000-000000000120.bin");
    byte[] bytes = Files.readAllBytes(segment);
    Files.write(segment, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    try (Agent resumed = agent()) {
      assertThatThrownBy(() -> new Checkpoints(run).load(runConfig(), resumed))
          .isInstanceOf(CheckpointException.class)
          .hasMessageContaining(segment.toString())
          .hasMessageContaining("fails its checksum")
          .hasMessageContaining("to start the run over");
    }
    Files.delete(segment);
    try (Agent resumed = agent()) {
      assertThatThrownBy(() -> new Checkpoints(run).load(runConfig(), resumed))
          .isInstanceOf(CheckpointException.class)
          .hasMessageContaining(segment + " is missing");
    }
  }
}
