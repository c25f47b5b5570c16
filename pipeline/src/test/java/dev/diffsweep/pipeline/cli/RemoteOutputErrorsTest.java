package dev.diffsweep.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.pipeline.testing.InJvmCommand;
import dev.diffsweep.pipeline.testing.TestStudies;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output location the driver cannot use: one line naming it and the fix, exit 2. */
class RemoteOutputErrorsTest {
  @TempDir Path work;

  private InJvmCommand study(String output) throws Exception {
    Path file =
        Files.writeString(
            work.resolve("s.conf"),
            TestStudies.tinySacStudy("s", 1, 1000, 500) + "output = \"" + output + "\"\n");
    return InJvmCommand.run("study", file.toString(), "--no-analysis");
  }

  @Test
  void anUnknownSchemeIsOneLineNamingTheSchemesThatWork() throws Exception {
    InJvmCommand result = study("nosuchfs://host/studies");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err())
        .contains("no Hadoop file system for the scheme 'nosuchfs'")
        .contains("hdfs://")
        .contains("--packages org.apache.hadoop:hadoop-aws:3.5.0");
  }

  @Test
  void aNamenodeThatIsNotThereIsOneLineNamingIt() throws Exception {
    InJvmCommand result = study("hdfs://127.0.0.1:1/studies");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err()).contains("hdfs://127.0.0.1:1/studies/s").contains("cannot be reached");
  }
}
