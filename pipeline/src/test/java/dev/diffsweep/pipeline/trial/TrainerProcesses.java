package dev.diffsweep.pipeline.trial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the trainer JVMs this test started, by the trial id on their command line. */
public final class TrainerProcesses {
  private TrainerProcesses() {}

  public static List<ProcessHandle> of(String trialId) {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> isTrainerOf(p.pid(), trialId))
        .toList();
  }

  /** The JVM (not its bash watchdog) whose arguments say {@code --run-id trialId}. */
  private static boolean isTrainerOf(long pid, String trialId) {
    try {
      String[] argv =
          new String(
                  Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                  StandardCharsets.UTF_8)
              .split("\0");
      return argv.length > 0
          && argv[0].endsWith("java")
          && String.join(" ", argv).contains("--run-id " + trialId);
    } catch (IOException e) {
      return false; // it ended meanwhile
    }
  }

  /** SIGKILLs the trial's trainer JVM, as the OOM killer or a lost node would. */
  public static void kill(String trialId) {
    List<ProcessHandle> trainers = of(trialId);
    if (trainers.size() != 1) {
      throw new AssertionError("expected one trainer for " + trialId + ", found " + trainers);
    }
    trainers.get(0).destroyForcibly();
  }
}
