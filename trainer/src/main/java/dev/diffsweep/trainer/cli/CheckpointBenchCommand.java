package dev.diffsweep.trainer.cli;

import dev.diffsweep.trainer.agent.Agent;
import dev.diffsweep.trainer.agent.AgentContext;
import dev.diffsweep.trainer.agent.ConfiguredAlgorithm;
import dev.diffsweep.trainer.agent.ReplayBuffer;
import dev.diffsweep.trainer.agent.Transition;
import dev.diffsweep.trainer.agent.registry.AlgorithmRegistry;
import dev.diffsweep.trainer.env.Task;
import dev.diffsweep.trainer.env.TaskRegistry;
import dev.diffsweep.trainer.env.TaskSpec;
import dev.diffsweep.trainer.nn.ComputeDevice;
import dev.diffsweep.trainer.run.Checkpoints;
import dev.diffsweep.trainer.run.RunFolders;
import dev.diffsweep.trainer.run.RunIdentity;
import dev.diffsweep.trainer.run.RunState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * One SAC checkpoint's time and size when its replay buffer holds 10 000 rows and when it holds 1
 * 000 000, each after a previous checkpoint 5 000 rows earlier (a study's checkpoint interval): the
 * ratio of the two is what a long run pays per checkpoint over a short one. The rows are synthetic
 * episodes of 1 000 steps in the task's sizes.
 */
@Command(
    name = "checkpoint",
    description = "One checkpoint's time and bytes at 10k vs 1M replay rows (SAC).")
final class CheckpointBenchCommand implements Callable<Integer> {
  private static final int SMALL = 10_000;
  private static final int LARGE = 1_000_000;
  private static final int INTERVAL = 5_000;
  private static final int EPISODE = 1_000;
  private static final int ROUNDS = 3;

  @Option(
      names = "--env",
      defaultValue = "Humanoid-v4",
      description = "Task whose sizes the rows take (default ${DEFAULT-VALUE}).")
  String env;

  @Option(names = "--json", description = "Print the numbers as one JSON object.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  /** One timed checkpoint: seconds, bytes it wrote. */
  private record Timed(double seconds, long bytes) {}

  @Override
  public Integer call() throws IOException {
    ConfiguredAlgorithm sac = AlgorithmRegistry.get("sac").configure(Map.of());
    TaskSpec spec;
    try (Task task = TaskRegistry.create(env)) {
      spec = task.spec();
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("env", env);
    Random random = new Random(0);
    Path scratch = Files.createTempDirectory("diffsweep-bench-checkpoint");
    try {
      Timed small = timeAt(sac, spec, SMALL, scratch.resolve("small"), random, result, "10k");
      Timed large = timeAt(sac, spec, LARGE, scratch.resolve("large"), random, result, "1m");
      result.put("ratio", large.seconds() / small.seconds());
      result.put("bytes_ratio", (double) large.bytes() / small.bytes());
      result.put("peak_rss_mb", peakResidentMegabytes());
    } finally {
      RunFolders.deleteRecursively(scratch);
    }
    BenchOutput.print(
        command.commandLine().getOut(),
        json,
        result,
        result.entrySet().stream()
            .map(entry -> String.format("%-22s %s", entry.getKey(), entry.getValue()))
            .collect(Collectors.joining(System.lineSeparator())));
    return 0;
  }

  /**
   * Fills a fresh agent's buffer (capacity {@code rows}) to {@code rows - INTERVAL}, checkpoints
   * (the untimed previous checkpoint, which writes every row once), then {@code ROUNDS} times adds
   * {@code INTERVAL} rows and times the next checkpoint; the best round counts, as this machine's
   * other work slows some rounds. After the first round the ring is full and overwrites its oldest
   * rows, as a long run's does.
   */
  private static Timed timeAt(
      ConfiguredAlgorithm sac,
      TaskSpec spec,
      int rows,
      Path runDir,
      Random random,
      Map<String, Object> result,
      String label)
      throws IOException {
    AgentContext context = new AgentContext(ComputeDevice.select("cpu"), 0, rows);
    RunIdentity identity =
        new RunIdentity("sac", spec.id(), 0, rows, rows, 1, sac.hyperparameters());
    try (Agent agent = sac.create(spec, context)) {
      ReplayBuffer buffer = agent.replayBuffer().orElseThrow();
      Checkpoints checkpoints = new Checkpoints(Files.createDirectories(runDir));
      fill(buffer, spec, rows - INTERVAL, random);
      long start = System.nanoTime();
      checkpoints.save(identity, new RunState(), agent);
      result.put("seconds_first_" + label, (System.nanoTime() - start) / 1e9);
      double seconds = Double.MAX_VALUE;
      long written = 0;
      for (int round = 0; round < ROUNDS; round++) {
        Set<Path> segmentsBefore = files(runDir.resolve("replay"));
        fill(buffer, spec, INTERVAL, random);
        start = System.nanoTime();
        checkpoints.save(identity, new RunState(), agent);
        seconds = Math.min(seconds, (System.nanoTime() - start) / 1e9);
        Set<Path> added = files(runDir.resolve("replay"));
        added.removeAll(segmentsBefore);
        written = bytes(added) + bytes(files(runDir.resolve("checkpoint")));
      }
      result.put("seconds_" + label, seconds);
      result.put("bytes_" + label, written);
      return new Timed(seconds, written);
    }
  }

  private static void fill(ReplayBuffer buffer, TaskSpec spec, int rows, Random random) {
    double[] observation = gaussian(spec.observationSize(), random);
    for (int i = 0; i < rows; i++) {
      double[] next = gaussian(spec.observationSize(), random);
      boolean ends = (buffer.added() + 1) % EPISODE == 0;
      buffer.add(
          new Transition(
              observation,
              gaussian(spec.actionSize(), random),
              random.nextGaussian(),
              next,
              false,
              ends));
      observation = ends ? gaussian(spec.observationSize(), random) : next;
    }
  }

  private static double[] gaussian(int size, Random random) {
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = random.nextGaussian();
    }
    return values;
  }

  private static Set<Path> files(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return new HashSet<>();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).collect(Collectors.toCollection(HashSet::new));
    }
  }

  private static long bytes(Set<Path> files) throws IOException {
    long total = 0;
    for (Path file : files) {
      total += Files.size(file);
    }
    return total;
  }

  /** The process's peak resident memory (VmHWM), or -1 where /proc does not say. */
  private static long peakResidentMegabytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
