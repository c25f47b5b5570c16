package dev.diffsweep.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
}
