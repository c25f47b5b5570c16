package dev.diffsweep.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.trainer.testing.SmallSacRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trainer JVM SIGKILLed twenty times, each time at a seeded random moment shortly after one of
 * its checkpoints (where the checkpoint's rename, the parts and run.json are written), and resumed
 * by the same command each time, ends with the tables of a run never interrupted: every row, to the
 * bit.
 */
class KilledTrainerResumeTest {
  private static final int KILLS = 20;
  private static final long SEED = 20261204L;

  @TempDir Path work;

  private Process start(Path out) throws IOException {
    return TrainerJvm.start(
        work.resolve(out.getFileName() + ".log"),
        SmallSacRun.learningCommand(
            2400,
            400,
            "--seed",
            "5",
            "--checkpoint-every",
            "100",
            "--out",
            out.toString(),
            "--run-id",
            "killed"));
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return null; // not there, or swapped out at this instant
    }
  }

  @Test
  void twentyKillsAtRandomMomentsLeaveTheTablesOfAnUninterruptedRun() throws Exception {
    Path uninterrupted = work.resolve("uninterrupted");
    Process whole = start(uninterrupted);
    assertThat(whole.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(whole.exitValue()).isZero();

    Path killed = work.resolve("killed");
    Path manifest = killed.resolve("checkpoint").resolve("manifest.json");
    Random random = new Random(SEED);
    int kills = 0;
    while (kills < KILLS) {
      FileTime before = modified(manifest);
      Process trainer = start(killed);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      FileTime now = before;
      while (trainer.isAlive() && (now == null || now.equals(before))) {
        Thread.sleep(2);
        now = modified(manifest);
        assertThat(System.nanoTime()).as("a checkpoint within 5 minutes").isLessThan(deadline);
      }
      if (!trainer.isAlive()) {
        break;
      }
      Thread.sleep(random.nextInt(250));
      trainer.destroyForcibly();
      trainer.waitFor();
      kills++;
    }
    Process last = start(killed);
    assertThat(last.waitFor(10, TimeUnit.MINUTES)).isTrue();

    assertThat(kills).as("kills that landed before the run finished").isEqualTo(KILLS);
    assertThat(last.exitValue()).as(Files.readString(work.resolve("killed.log"))).isZero();
    String episodes =
        "SELECT episode, env_step, return, length, terminated, truncated"
            + " FROM read_parquet('%s/episodes/*.parquet') ORDER BY episode";
    String evaluations =
        "SELECT env_step, return_mean, return_std, episodes, actor_loss, critic_loss, alpha,"
            + " entropy FROM read_parquet('%s/evaluations/*.parquet') ORDER BY env_step";
    assertThat(TrainerRunTest.query(killed, episodes))
        .isEqualTo(TrainerRunTest.query(uninterrupted, episodes))
        .isNotEmpty();
    assertThat(TrainerRunTest.query(killed, evaluations))
        .hasSize(6)
        .isEqualTo(TrainerRunTest.query(uninterrupted, evaluations));
    assertThat(Files.readString(killed.resolve("run.json"))).contains("\"completed\"");
    try (var leftovers = Files.walk(killed)) {
      assertThat(
              leftovers
                  .map(p -> p.getFileName().toString())
                  .filter(name -> name.startsWith(".") || name.endsWith(".tmp")))
          .as("temporary files left behind")
          .isEmpty();
    }
  }
}
