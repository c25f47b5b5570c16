package dev.diffsweep.trainer.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.diffsweep.trainer.agent.AgentContext;
import dev.diffsweep.trainer.agent.ConfiguredAlgorithm;
import dev.diffsweep.trainer.bench.UpdateFlops;
import dev.diffsweep.trainer.bench.UpdateWorkload;
import dev.diffsweep.trainer.env.Task;
import dev.diffsweep.trainer.env.TaskRegistry;
import dev.diffsweep.trainer.env.TaskSpec;
import dev.diffsweep.trainer.nn.ComputeDevice;
import dev.diffsweep.trainer.nn.TorchRuntime;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Milliseconds per gradient update against its floor: the update's floating-point operations
 * divided by the rate torch reaches on a 256x256x256 matrix multiply, measured in the same run.
 * Rounds of the two alternate and the best of each counts, so a busy machine slows both alike.
 */
@Command(
    name = "update",
    description = "Gradient-update time vs its matmul floor (network sizes from the defaults).")
final class UpdateBenchCommand implements Callable<Integer> {
  private static final int MATMUL_SIZE = 256;

  @Mixin AlgorithmChoice choice;

  @Option(
      names = "--env",
      defaultValue = "HalfCheetah-v4",
      description = "Task whose sizes the networks take (default ${DEFAULT-VALUE}).")
  String env;

  @Mixin TimedRounds rounds;

  @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpu:N.")
  String device;

  @Option(names = "--json", description = "Print {algo, ms_per_update, floor_ms, ratio, ...}.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    TaskSpec spec;
    try (Task task = TaskRegistry.create(env)) {
      spec = task.spec();
    }
    AgentContext context = new AgentContext(ComputeDevice.select(device), 0, 1_000_000);
    try (UpdateWorkload workload =
            UpdateWorkload.create(choice.algorithm, choice.overrides, spec, context);
        NDManager manager = NDManager.newBaseManager(context.device(), "PyTorch")) {
      workload.start();
      workload.secondsPerUnit(20);
      double probe = workload.secondsPerUnit(10);
      int units = (int) Math.max(10, rounds.seconds / probe);
      NDArray a = manager.randomNormal(new Shape(MATMUL_SIZE, MATMUL_SIZE));
      NDArray b = manager.randomNormal(new Shape(MATMUL_SIZE, MATMUL_SIZE));
      int multiplies = 2000;
      double bestUpdate = Double.MAX_VALUE;
      double bestMatmul = Double.MAX_VALUE;
      for (int round = 0; round < rounds.rounds; round++) {
        bestMatmul = Math.min(bestMatmul, timeMatmuls(a, b, multiplies));
        bestUpdate = Math.min(bestUpdate, workload.secondsPerUnit(units));
      }
      double flopsPerSecond = 2.0 * MATMUL_SIZE * MATMUL_SIZE * MATMUL_SIZE / bestMatmul;
      ConfiguredAlgorithm configured = workload.algorithm();
      long flops = UpdateFlops.perUnit(choice.algorithm, configured.hyperparameters(), spec);
      print(
          configured,
          workload.unit(),
          bestUpdate * 1e3,
          flops / flopsPerSecond * 1e3,
          flops,
          flopsPerSecond);
    }
    return 0;
  }

  private static double timeMatmuls(NDArray a, NDArray b, int count) {
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      a.matMul(b).close();
    }
    return (System.nanoTime() - start) / 1e9 / count;
  }

  /** The bench's numbers; the update's milliseconds over the matmul floor's is the ratio. */
  private record Result(
      String algo,
      double msPerUpdate,
      double floorMs,
      double ratio,
      long flopsPerUpdate,
      double matmulGflops,
      String env,
      String unit,
      int batchSize,
      Integer diffusionSteps,
      String torch,
      String device) {}

  private void print(
      ConfiguredAlgorithm configured,
      String unit,
      double msPerUpdate,
      double floorMs,
      long flops,
      double flopsPerSecond) {
    Map<String, String> hp = configured.hyperparameters();
    BenchOutput.print(
        command.commandLine().getOut(),
        json,
        new Result(
            configured.name(),
            msPerUpdate,
            floorMs,
            msPerUpdate / floorMs,
            flops,
            flopsPerSecond / 1e9,
            env,
            unit,
            UpdateWorkload.batchSize(hp),
            hp.containsKey("diffusion_steps") ? UpdateWorkload.diffusionSteps(hp) : null,
            TorchRuntime.torchVersion(),
            device),
        String.format(
            "%s on %s sizes: %.2f ms per update, floor %.2f ms (%.0f MFLOP at %.1f GFLOP/s),"
                + " ratio %.2f",
            configured.name(),
            env,
            msPerUpdate,
            floorMs,
            flops / 1e6,
            flopsPerSecond / 1e9,
            msPerUpdate / floorMs));
  }
}
