package dev.diffsweep.trainer.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code train} command line of a SAC run on InvertedPendulum-v4 small enough for a test to run
 * whole: a 16-unit network, evaluated on one episode, without a progress bar. The tests that run
 * the trainer end to end, in their own JVM or in this one, start from it and add what they test.
 */
public final class SmallSacRun {
  private SmallSacRun() {}

  /** For {@code steps} env steps, evaluated every {@code evalEvery}, then {@code more}. */
  public static List<String> command(int steps, int evalEvery, String... more) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "train",
                "--algo",
                "sac",
                "--env",
                "InvertedPendulum-v4",
                "--steps",
                String.valueOf(steps),
                "--eval-every",
                String.valueOf(evalEvery),
                "--eval-episodes",
                "1",
                "--no-progress",
                "--set",
                "hidden_size=16"));
    command.addAll(List.of(more));
    return command;
  }

  /**
   * As {@link #command}, but learning from step 100 on batches of 16 instead of from step 5000, so
   * that a run of a few thousand steps trains and its checkpoints hold a trained agent.
   */
  public static List<String> learningCommand(int steps, int evalEvery, String... more) {
    List<String> command =
        command(steps, evalEvery, "--set", "learning_starts=100", "--set", "batch_size=16");
    command.addAll(List.of(more));
    return command;
  }
}
