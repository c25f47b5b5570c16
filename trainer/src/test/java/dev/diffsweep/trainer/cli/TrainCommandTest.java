package dev.diffsweep.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.trainer.testing.SmallSacRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Bad input to `train` exits with status 2 and a message naming what is allowed. */
class TrainCommandTest {
  @TempDir Path temp;

  private record Result(int exitCode, String err) {}

  private Result train(String... extra) {
    CommandLine commandLine = DiffsweepCli.commandLine();
    StringWriter err = new StringWriter();
    commandLine.setErr(new PrintWriter(err));
    String[] base = {"train", "--steps", "100", "--out", temp.resolve("run").toString()};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return new Result(commandLine.execute(args), err.toString());
  }

  @Test
  void unknownAlgorithmListsTheKnownOnes() {
    Result result = train("--algo", "ppo2", "--env", "InvertedPendulum-v4");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("unknown algorithm 'ppo2'").contains("sac, diffsac");
  }

  @Test
  void unknownHyperparameterListsTheAllowedKeysWithDefaults() {
    Result result = train("--algo", "diffsac", "--env", "InvertedPendulum-v4", "--set", "lr=0.1");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("unknown hyperparameter 'lr' for diffsac")
        .contains("policy_lr (double, default 3.0E-4)")
        .contains("diffusion_steps (int, default 8)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "sac     | batch_size=big                           | 'batch_size' wants a whole number,"
            + " got 'big'",
        "sac     | gamma=1.5                                | gamma must be in [0.0, 1.0], got 1.5",
        "sac     | autotune=yes                             | 'autotune' wants true or false",
        "ppo     | num_envs=0                               | num_envs must be > 0",
        "diffppo | num_envs=1.5                             | 'num_envs' wants a whole number,"
            + " got '1.5'",
        "diffppo | num_envs=2 num_steps=4 num_minibatches=16 | num_minibatches (16) must not exceed"
            + " num_envs x num_steps (2 x 4)"
      })
  void badHyperparameterValuesAreBadInputThatSaysWhatTheKeyWants(
      String algorithm, String settings, String message) {
    List<String> arguments =
        new ArrayList<>(List.of("--algo", algorithm, "--env", "InvertedPendulum-v4"));
    for (String setting : settings.split(" ")) {
      arguments.add("--set");
      arguments.add(setting);
    }
    Result result = train(arguments.toArray(new String[0]));
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains(message);
  }

  @Test
  void unknownTaskAndUnusableDeviceAreBadInput() {
    Result task = train("--algo", "sac", "--env", "Pong-v5");
    assertThat(task.exitCode()).isEqualTo(2);
    assertThat(task.err()).contains("unknown task 'Pong-v5'").contains("InvertedPendulum-v4");

    Result device = train("--algo", "sac", "--env", "InvertedPendulum-v4", "--device", "gpu:7");
    assertThat(device.exitCode()).isEqualTo(2);
    assertThat(device.err()).contains("device 'gpu:7' is not usable");

    Result malformed = train("--algo", "sac", "--env", "InvertedPendulum-v4", "--device", "tpu");
    assertThat(malformed.exitCode()).isEqualTo(2);
    assertThat(malformed.err()).contains("allowed: cpu, gpu, gpu:N");
  }

  private Result execute(String... args) {
    CommandLine commandLine = DiffsweepCli.commandLine();
    StringWriter err = new StringWriter();
    commandLine.setErr(new PrintWriter(err));
    return new Result(commandLine.execute(args), err.toString());
  }

  @Test
  void anOutThatIsAFileOrCannotBeCreatedIsBadInputInOneLine() throws Exception {
    Path file = Files.writeString(temp.resolve("notes.txt"), "x");
    String[] run = {"train", "--algo", "sac", "--env", "InvertedPendulum-v4", "--steps", "100"};

    Result onFile = execute(concat(run, "--out", file.toString()));
    Result inProc = execute(concat(run, "--out", "/proc/x"));

    assertThat(onFile.exitCode()).isEqualTo(2);
    assertThat(onFile.err().strip())
        .isEqualTo(
            "diffsweep: --out "
                + file
                + " is a file, not a run folder: give a folder (it is created if missing)");
    assertThat(inProc.exitCode()).isEqualTo(2);
    assertThat(inProc.err().strip())
        .isEqualTo(
            "diffsweep: --out /proc/x: cannot create or write the run folder (no such file or"
                + " directory): give a folder you can write");
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void aNegativeSeedIsRefusedByTheRuleStudyFilesUse() {
    Result result = train("--algo", "sac", "--env", "InvertedPendulum-v4", "--seed", "-1");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().strip())
        .isEqualTo(
            "diffsweep: --seed must be a non-negative integer up to 2147483647 (as in study"
                + " files), got -1");
    assertThat(temp.resolve("run")).doesNotExist();
  }

  /**
   * A real 200-step SAC run (learning_starts 5000: it warns that it never trains) completes; the
   * same folder then refuses a run of another seed, naming both, and the same command again is told
   * the run had completed.
   */
  @Test
  void aCompletedRunFolderRefusesAnotherRunAndWarnsWhenTheAgentNeverTrains() throws Exception {
    Path folder = temp.resolve("completed");
    String[] run = SmallSacRun.command(200, 100, "--out", folder.toString()).toArray(String[]::new);
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stderr = System.err;
    Result first;
    Result again;
    try {
      System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
      first = execute(run);
      again = execute(run);
    } finally {
      System.setErr(stderr);
    }
    Result otherSeed = execute(concat(run, "--seed", "1"));

    assertThat(first.exitCode()).as(log.toString()).isZero();
    assertThat(again.exitCode()).isZero();
    assertThat(log.toString())
        .contains(
            "diffsweep: warning: learning_starts 5000 is not below --steps 200, so sac only"
                + " collects experience and never trains; lower learning_starts or raise --steps")
        .contains("had already completed");
    assertThat(otherSeed.exitCode()).isEqualTo(2);
    assertThat(otherSeed.err().strip())
        .isEqualTo(
            "diffsweep: "
                + folder
                + " holds a completed run of sac on InvertedPendulum-v4, seed 0, which is not this"
                + " one (seed 0 (this command: 1)); give this run (sac on InvertedPendulum-v4,"
                + " seed 1) its own --out");
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
