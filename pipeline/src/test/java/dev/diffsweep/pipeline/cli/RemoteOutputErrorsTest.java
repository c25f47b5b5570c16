package dev.diffsweep.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.pipeline.testing.TestStudies;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** An output location the driver cannot use: one line naming it and the fix, exit 2. */
class RemoteOutputErrorsTest {
  @TempDir Path work;

  private String[] study(String output) throws Exception {
    Path file =
        Files.writeString(
            work.resolve("s.conf"),
            TestStudies.tinySacStudy("s", 1, 1000, 500) + "output = \"" + output + "\"\n");
    CommandLine commandLine = DiffsweepMain.commandLine();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    commandLine.setErr(new PrintWriter(err, true));
    int exit = commandLine.execute("study", file.toString(), "--no-analysis");
    return new String[] {Integer.toString(exit), err.toString()};
  }

  @Test
  void anUnknownSchemeIsOneLineNamingTheSchemesThatWork() throws Exception {
    String[] result = study("nosuchfs://host/studies");
    assertThat(result[0]).isEqualTo("2");
    assertThat(result[1].strip().lines()).hasSize(1);
    assertThat(result[1])
        .contains("no Hadoop file system for the scheme 'nosuchfs'")
        .contains("hdfs://")
        .contains("--packages org.apache.hadoop:hadoop-aws:3.5.0");
  }

  @Test
  void aNamenodeThatIsNotThereIsOneLineNamingIt() throws Exception {
    String[] result = study("hdfs://127.0.0.1:1/studies");
    assertThat(result[0]).isEqualTo("2");
    assertThat(result[1].strip().lines()).hasSize(1);
    assertThat(result[1]).contains("hdfs://127.0.0.1:1/studies/s").contains("cannot be reached");
  }
}
