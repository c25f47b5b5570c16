package dev.diffsweep.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * bench update drives an agent through its own act and observe and times the unit its family trains
 * in: an env step's training off-policy, a minibatch update on-policy.
 */
class UpdateBenchCommandTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "diffsac, env step, 16, hidden_size=32;batch_size=16;diffusion_steps=2",
    "diffppo, minibatch, 32, hidden_size=16;denoiser_hidden=16;diffusion_steps=2;num_steps=64;num_minibatches=4"
  })
  void timesTheUnitItsFamilyTrainsIn(String algorithm, String unit, int batch, String settings) {
    CommandLine commandLine = DiffsweepCli.commandLine();
    StringWriter out = new StringWriter();
    commandLine.setOut(new PrintWriter(out));
    String[] args = {
      "bench",
      "update",
      "--algo",
      algorithm,
      "--env",
      "InvertedPendulum-v4",
      "--rounds",
      "1",
      "--seconds",
      "0.05",
      "--json"
    };
    for (String setting : settings.split(";")) {
      args = append(args, "--set", setting);
    }

    assertThat(commandLine.execute(args)).isZero();

    JsonObject result = new Gson().fromJson(out.toString().strip(), JsonObject.class);
    assertThat(result.get("unit").getAsString()).isEqualTo(unit);
    assertThat(result.get("batch_size").getAsInt()).isEqualTo(batch);
    assertThat(result.get("ms_per_update").getAsDouble()).isPositive();
    assertThat(result.get("flops_per_update").getAsLong()).isPositive();
    assertThat(result.get("ratio").getAsDouble()).isPositive();
  }

  private static String[] append(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }
}
