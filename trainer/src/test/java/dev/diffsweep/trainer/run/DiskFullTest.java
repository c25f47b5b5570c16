package dev.diffsweep.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.diffsweep.trainer.testing.SmallDisk;
import dev.diffsweep.trainer.testing.SmallSacRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose disk fills up fails cleanly, and the same command finishes it once there is space.
 * The disk is a real one that fills: a small tmpfs, which only a process allowed to mount can make
 * (root with CAP_SYS_ADMIN, as on the CI machines); elsewhere the test is skipped and says why.
 */
class DiskFullTest {
  private static final Pattern PART = Pattern.compile("part-(\\d{5})\\.parquet");

  @TempDir Path work;
  @RegisterExtension final SmallDisk disk = new SmallDisk(64);

  @Test
  void aFullDiskFailsTheRunInOneLineLeavingNothingHalfWrittenAndTheSameCommandResumes()
      throws Exception {
    Path run = disk.folder().resolve("run");
    List<String> train =
        SmallSacRun.learningCommand(
            4000, 400, "--seed", "3", "--checkpoint-every", "400", "--out", run.toString());

    Path firstLog = work.resolve("full.log");
    assertThat(finish(TrainerJvm.start(firstLog, train))).isEqualTo(1);
    String log = Files.readString(firstLog);
    assertThat(log).doesNotContain("\tat ").doesNotContain("Exception");
    List<String> failures =
        log.lines().filter(line -> line.startsWith("diffsweep: run failed: ")).toList();
    assertThat(failures).as(log).hasSize(1);
    assertThat(failures.get(0))
        .contains("cannot write")
        .contains(run.toString())
        .contains("No space left on device")
        .contains("free space there")
        .contains("rerun the same command");
    JsonObject runJson =
        JsonParser.parseString(Files.readString(run.resolve("run.json"))).getAsJsonObject();
    assertThat(runJson.get("status").getAsString()).isEqualTo("failed");
    assertThat(runJson.get("error").getAsString()).contains("No space left on device");
    try (Stream<Path> files = Files.walk(run)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
          .as("temporary files left behind")
          .isEmpty();
    }
    int covered = partsCoveredByTheCheckpoint(run);
    for (String table : List.of("episodes", "evaluations")) {
      assertThat(partIndices(run.resolve(table)))
          .as("%s parts the checkpoint does not cover", table)
          .allMatch(index -> index < covered);
    }

    assertThat(disk.growTo("64m")).isZero();
    Path secondLog = work.resolve("resumed.log");
    assertThat(finish(TrainerJvm.start(secondLog, train))).as(Files.readString(secondLog)).isZero();
    assertThat(TrainerRunTest.query(run, "SELECT env_step FROM read_parquet('%s/evaluations/*')"))
        .containsExactlyInAnyOrderElementsOf(
            Stream.iterate(400, step -> step <= 4000, step -> step + 400)
                .map(step -> List.of(String.valueOf(step)))
                .toList());
    assertThat(
            TrainerRunTest.query(
                run,
                "SELECT count(*) = count(DISTINCT episode) AND min(episode) = 0"
                    + " AND max(episode) = count(*) - 1 FROM read_parquet('%s/episodes/*')"))
        .as("every episode once, none missing")
        .containsExactly(List.of("true"));
  }

  private static int partsCoveredByTheCheckpoint(Path run) throws IOException {
    Path state = run.resolve("checkpoint").resolve("run-state.json");
    if (!Files.exists(state)) {
      return 0;
    }
    return JsonParser.parseString(Files.readString(state))
        .getAsJsonObject()
        .get("partsWritten")
        .getAsInt();
  }

  private static List<Integer> partIndices(Path table) throws IOException {
    if (!Files.isDirectory(table)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(table)) {
      return files
          .map(p -> PART.matcher(p.getFileName().toString()))
          .filter(Matcher::matches)
          .map(m -> Integer.parseInt(m.group(1)))
          .toList();
    }
  }

  private static int finish(Process process) throws InterruptedException {
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
    return process.exitValue();
  }
}
