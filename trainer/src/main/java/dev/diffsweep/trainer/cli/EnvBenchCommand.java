package dev.diffsweep.trainer.cli;

import dev.diffsweep.trainer.env.MujocoTask;
import dev.diffsweep.trainer.env.Task;
import dev.diffsweep.trainer.env.TaskRegistry;
import dev.diffsweep.trainer.env.TaskSpec;
import dev.diffsweep.trainer.mujoco.Simulation;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Env steps/s through our Java binding against the same model, frame skip, controls and output
 * copies stepped by a plain C loop in the shim. Both start from the same state and never reset, so
 * they integrate the same trajectory; rounds alternate and the best of each side counts.
 */
@Command(
    name = "env",
    description = "Java stepping vs a plain C loop on the same model (binding overhead).")
final class EnvBenchCommand implements Callable<Integer> {
  @Option(names = "--env", defaultValue = "HalfCheetah-v4", description = "Task id.")
  String env;

  @Mixin TimedRounds rounds;

  @Option(names = "--json", description = "Print {java_steps_per_s, c_steps_per_s, ratio}.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    try (Task task = TaskRegistry.create(env)) {
      MujocoTask mujocoTask = (MujocoTask) task;
      Simulation sim = mujocoTask.simulation();
      TaskSpec spec = task.spec();
      double[] controls = randomControls(spec, 1024);
      int frameSkip = mujocoTask.frameSkip();
      boolean contact = mujocoTask.needsContactForces();

      // Calibrate the step count so one round lasts about --seconds.
      task.reset(0);
      double probe = sim.timeStepsInC(controls, 200, frameSkip, contact);
      int steps = (int) Math.max(200, Math.min(1_000_000, rounds.seconds / (probe / 200)));

      double bestJava = Double.MAX_VALUE;
      double bestC = Double.MAX_VALUE;
      for (int round = 0; round < rounds.rounds; round++) {
        task.reset(round);
        bestC = Math.min(bestC, sim.timeStepsInC(controls, steps, frameSkip, contact));
        task.reset(round);
        bestJava = Math.min(bestJava, timeJavaSteps(sim, controls, steps, frameSkip, contact));
      }
      double javaRate = steps / bestJava;
      double cRate = steps / bestC;
      print(javaRate, cRate, steps);
    }
    return 0;
  }

  private static double timeJavaSteps(
      Simulation sim, double[] controls, int steps, int frameSkip, boolean contact) {
    int nu = sim.nu();
    int rows = controls.length / nu;
    double[] ctrl = new double[nu];
    double[] copy = new double[sim.output().length];
    long start = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      System.arraycopy(controls, (i % rows) * nu, ctrl, 0, nu);
      sim.step(ctrl, frameSkip, contact);
      System.arraycopy(sim.output(), 0, copy, 0, copy.length);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static double[] randomControls(TaskSpec spec, int rows) {
    SplittableRandom random = new SplittableRandom(42);
    int nu = spec.actionSize();
    double[] controls = new double[rows * nu];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < nu; i++) {
        controls[r * nu + i] = random.nextDouble(spec.actionLow()[i], spec.actionHigh()[i]);
      }
    }
    return controls;
  }

  /** The bench's numbers; Java's steps per second over plain C's is the ratio. */
  private record Result(
      String env, int steps, double javaStepsPerS, double cStepsPerS, double ratio) {}

  private void print(double javaRate, double cRate, int steps) {
    double ratio = javaRate / cRate;
    BenchOutput.print(
        command.commandLine().getOut(),
        json,
        new Result(env, steps, javaRate, cRate, ratio),
        String.format(
            "%s: Java %.0f steps/s, plain C %.0f steps/s, ratio %.3f (best of %d rounds of %d"
                + " steps)",
            env, javaRate, cRate, ratio, rounds.rounds, steps));
  }
}
