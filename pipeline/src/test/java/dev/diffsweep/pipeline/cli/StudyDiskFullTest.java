package dev.diffsweep.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.pipeline.testing.DuckDb;
import dev.diffsweep.pipeline.testing.InJvmCommand;
import dev.diffsweep.pipeline.testing.TestStudies;
import dev.diffsweep.trainer.testing.SmallDisk;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study folder on a disk that fills up: the trial commits, then the analysis cannot write its
 * tables; `study` says so in one line naming the folder and exits 1, and once there is space the
 * same command trains nothing again and finishes the report. The disk is a real 300 KiB tmpfs,
 * which only a process allowed to mount can make (root with CAP_SYS_ADMIN, as on the CI machines);
 * elsewhere the test is skipped and says why.
 */
class StudyDiskFullTest {
  @TempDir Path work;
  @RegisterExtension final SmallDisk disk = new SmallDisk(300);

  @Test
  void aFullStudyFolderIsOneLineAndTheSameCommandFinishesOnceThereIsSpace() throws Exception {
    Path file =
        Files.writeString(
            work.resolve("full.conf"),
            TestStudies.tinySacStudy("full", 1, 2000, 1000)
                + "output = \"%s\"\n".formatted(disk.folder().toUri()));

    InJvmCommand full = study(file);

    assertThat(full.exitCode()).as(full.out() + full.err()).isEqualTo(1);
    assertThat(full.err().strip())
        .startsWith("diffsweep: no space left on device while writing the study folder ")
        .contains(disk.folder().resolve("full").toString())
        .contains("rerun the same command")
        .doesNotContain("\n");
    assertThat(full.out() + full.err()).doesNotContain("\tat ").doesNotContain("FSError");

    assertThat(disk.growTo("64m")).isZero();
    InJvmCommand rerun = study(file);

    assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
    assertThat(rerun.out()).contains("1 committed before, 0 to train");
    assertThat(disk.folder().resolve("full").resolve("report.html")).isRegularFile();
    String episodes = DuckDb.table(disk.folder().resolve("full"), "episodes");
    assertThat(
            DuckDb.value(
                "SELECT count(*) = count(DISTINCT episode) AND count(*) > 0 FROM " + episodes))
        .as("every episode of the committed trial once")
        .isEqualTo(true);
  }

  private static InJvmCommand study(Path file) {
    return InJvmCommand.run("study", file.toString(), "--no-live-report");
  }
}
