package dev.diffsweep.trainer.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.diffsweep.trainer.mujoco.Field;
import dev.diffsweep.trainer.mujoco.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each step's reward and its terms, recomputed here from the state before and after the step (read
 * from qpos, not from the task's own reward code) along a scripted trajectory.
 */
class RewardDecompositionTest {
  private static final int STEPS = 60;

  /** Bound on the speed difference that the one-substep lag of body positions causes. */
  private static final double SUBSTEP_LAG = 0.02;

  private static double[] scriptedAction(int t, int size, double scale) {
    double[] action = new double[size];
    for (int i = 0; i < size; i++) {
      action[i] = scale * Math.sin(0.3 * t + 1.7 * i);
    }
    return action;
  }

  private static double sumOfSquares(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v * v;
    }
    return sum;
  }

  /** One step of the scripted trajectory: its action, its result, and the x speed qpos shows. */
  private record ScriptedStep(double[] action, StepResult result, double xVelocity) {}

  /**
   * Plays the scripted trajectory from {@code reset(seed)}, actions of {@code actionSize} entries
   * scaled by {@code scale}, for STEPS steps or until the episode ends, measuring how fast qpos[0]
   * moved over each step's {@code duration} seconds.
   */
  private static List<ScriptedStep> scriptedTrajectory(
      MujocoTask task, long seed, int actionSize, double scale, double duration) {
    task.reset(seed);
    List<ScriptedStep> trajectory = new ArrayList<>();
    for (int t = 0; t < STEPS; t++) {
      double xBefore = task.positions()[0];
      double[] action = scriptedAction(t, actionSize, scale);
      StepResult result = task.step(action);
      trajectory.add(new ScriptedStep(action, result, (task.positions()[0] - xBefore) / duration));
      if (result.done()) {
        break;
      }
    }
    return trajectory;
  }

  @Test
  void halfCheetahPaysForwardSpeedMinusControlCost() {
    try (HalfCheetah task = new HalfCheetah()) {
      List<ScriptedStep> trajectory = scriptedTrajectory(task, 11, 6, 1.2, 0.05);
      assertThat(trajectory).hasSize(STEPS);
      for (ScriptedStep step : trajectory) {
        StepResult result = step.result();
        double control = 0.1 * sumOfSquares(step.action());
        assertThat(result.components().forward()).isCloseTo(step.xVelocity(), within(1e-9));
        assertThat(result.components().controlCost()).isCloseTo(control, within(1e-12));
        assertThat(result.reward()).isCloseTo(step.xVelocity() - control, within(1e-9));
        assertThat(result.terminated()).isFalse();
      }
    }
  }

  @Test
  void hopperPaysForwardSpeedPlusHealthyMinusControlCost() {
    try (Hopper task = new Hopper()) {
      for (ScriptedStep step : scriptedTrajectory(task, 12, 3, 0.8, 0.008)) {
        double expected = step.xVelocity() + 1.0 - 1e-3 * sumOfSquares(step.action());
        assertThat(step.result().reward()).isCloseTo(expected, within(1e-9));
        assertThat(step.result().components().healthy()).isEqualTo(1.0);
      }
    }
  }

  @Test
  void antPaysTorsoSpeedPlusHealthyMinusHalfTheControlCost() {
    try (Ant task = new Ant()) {
      task.reset(13);
      // The torso hangs on the free joint, so its x is qpos[0].
      double xStart = task.positions()[0];
      double distanceFromRewards = 0;
      double fastest = 0;
      for (int t = 0; t < STEPS; t++) {
        double[] action = scriptedAction(t, 8, 1.0);
        StepResult result = task.step(action);
        assertThat(result.reward() - result.components().forward())
            .isCloseTo(1.0 - 0.5 * sumOfSquares(action), within(1e-12));
        distanceFromRewards += result.components().forward() * 0.05;
        fastest = Math.max(fastest, Math.abs(task.velocities()[0]));
        if (result.done()) {
          break;
        }
      }
      // The per-step speeds add up to the distance travelled, short of at most the last
      // physics substep (0.01 s) that the body positions lag behind qpos.
      double travelled = task.positions()[0] - xStart;
      assertThat(distanceFromRewards).isCloseTo(travelled, within(0.01 * fastest + 1e-6));
    }
  }

  @Test
  void humanoidPaysCentreOfMassSpeedPlusHealthyMinusControlCost() {
    // The centre of mass is recomputed on a second simulation of the same model, put into the
    // task's states before and after each step with mj_forward.
    try (Humanoid task = new Humanoid();
        Simulation probe = Simulation.loadResource("/models/humanoid.xml")) {
      probe.configureOutput(Field.XIPOS);
      double[] mass = probe.bodyMass();
      task.reset(14);
      for (int t = 0; t < 20; t++) {
        double before = centreOfMassX(probe, mass, task.positions(), task.velocities());
        double[] action = scriptedAction(t, 17, 0.4);
        StepResult result = task.step(action);
        double after = centreOfMassX(probe, mass, task.positions(), task.velocities());
        double forward = 1.25 * (after - before) / 0.015;
        double control = 0.1 * sumOfSquares(action);
        assertThat(result.components().forward()).isCloseTo(forward, within(SUBSTEP_LAG));
        assertThat(result.reward() - result.components().forward())
            .isCloseTo(5.0 - control, within(1e-12));
        if (result.done()) {
          break;
        }
      }
    }
  }

  private static double centreOfMassX(
      Simulation probe, double[] mass, double[] qpos, double[] qvel) {
    probe.reset(qpos, qvel);
    double weighted = 0;
    double total = 0;
    for (int body = 0; body < mass.length; body++) {
      weighted += mass[body] * probe.output()[probe.offset(Field.XIPOS) + 3 * body];
      total += mass[body];
    }
    return weighted / total;
  }

  @Test
  void theControlCostSeesTheRawActionEvenBeyondTheActuatorRange() {
    try (HalfCheetah task = new HalfCheetah()) {
      task.reset(15);
      double[] action = {3, -3, 3, -3, 3, -3};
      assertThat(task.step(action).components().controlCost()).isCloseTo(0.1 * 54, within(1e-12));
    }
  }
}
