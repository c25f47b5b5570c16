package dev.diffsweep.trainer.mujoco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diffsweep.trainer.env.StepResult;
import dev.diffsweep.trainer.env.Task;
import dev.diffsweep.trainer.env.TaskRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationTest {

  @Test
  void reportsTheBundledEngineVersion() {
    assertThat(Simulation.mujocoVersion()).isEqualTo(222);
    assertThat(Simulation.mujocoVersionText()).isEqualTo("2.2.2");
  }

  @Test
  void aCorruptModelFileIsAClearExceptionAndTheJvmKeepsWorking() {
    try (Task before = TaskRegistry.create("HalfCheetah-v4")) {
      before.reset(1);
      assertThatThrownBy(() -> Simulation.loadResource("/models/corrupt.xml"))
          .isInstanceOf(MujocoException.class)
          .hasMessageContaining("could not load MuJoCo model")
          .hasMessageContaining(".xml");
      // The environment made before the failure still steps.
      StepResult result = before.step(new double[6]);
      assertThat(result.observation()).hasSize(17);
    }
  }

  @Test
  void aMissingModelFileNamesThePath(@TempDir Path folder) {
    Path missing = folder.resolve("nowhere.xml");
    assertThatThrownBy(() -> Simulation.load(missing))
        .isInstanceOf(MujocoException.class)
        .hasMessageContaining("nowhere.xml");
  }

  @Test
  void anErrorInsideMujocoDuringAStepBecomesAnExceptionInsteadOfExitingTheJvm(@TempDir Path folder)
      throws Exception {
    Path model = folder.resolve("stack-overflow.xml");
    try (var in = SimulationTest.class.getResourceAsStream("/models/stack-overflow.xml")) {
      Files.copy(in, model);
    }
    try (Simulation sim = Simulation.load(model)) {
      sim.configureOutput(Field.QPOS);
      sim.reset(sim.initialQpos(), new double[sim.nv()]);
      // The box falls; the first contacts overflow the tiny stack.
      assertThatThrownBy(
              () -> {
                for (int t = 0; t < 2000; t++) {
                  sim.step(new double[0], 1, false);
                }
              })
          .isInstanceOf(MujocoException.class)
          .hasMessageContaining("Stack overflow");
    }
    // The JVM is alive and MuJoCo still works on this thread.
    try (Task task = TaskRegistry.create("Hopper-v4")) {
      task.reset(3);
      assertThat(task.step(new double[3]).observation()).hasSize(11);
    }
  }

  @Test
  void asksForAnUnconfiguredFieldFailClearly() {
    try (Simulation sim = Simulation.loadResource("/models/inverted_pendulum.xml")) {
      sim.configureOutput(Field.QPOS);
      assertThatThrownBy(() -> sim.offset(Field.CFRC_EXT))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("CFRC_EXT");
    }
  }

  @Test
  void aClosedSimulationRefusesCalls() {
    Simulation sim = Simulation.loadResource("/models/inverted_pendulum.xml");
    sim.close();
    assertThatThrownBy(sim::initialQpos).hasMessageContaining("closed");
  }

  @Test
  void environmentsOnSeveralThreadsStepIndependently() throws Exception {
    int threads = 4;
    List<double[]> sequential = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      sequential.add(finalObservation("Ant-v4", i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<double[]>> parallel = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        long seed = i;
        parallel.add(pool.submit(() -> finalObservation("Ant-v4", seed)));
      }
      for (int i = 0; i < threads; i++) {
        assertThat(parallel.get(i).get()).containsExactly(sequential.get(i));
      }
    } finally {
      pool.shutdown();
    }
  }

  private static double[] finalObservation(String taskId, long seed) {
    try (Task task = TaskRegistry.create(taskId)) {
      double[] observation = task.reset(seed);
      double[] action = new double[task.spec().actionSize()];
      for (int t = 0; t < 200; t++) {
        for (int i = 0; i < action.length; i++) {
          action[i] = 0.5 * Math.sin(0.1 * t + i + seed);
        }
        StepResult result = task.step(action);
        observation = result.observation();
        if (result.done()) {
          break;
        }
      }
      return observation;
    }
  }
}
