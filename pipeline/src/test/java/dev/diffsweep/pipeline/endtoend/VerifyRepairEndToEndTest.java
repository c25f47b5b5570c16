package dev.diffsweep.pipeline.endtoend;

import static dev.diffsweep.pipeline.testing.StudyTableChecks.assertEveryTrialCompletedOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.pipeline.cli.DiffsweepMain;
import dev.diffsweep.pipeline.testing.DuckDb;
import dev.diffsweep.pipeline.testing.TestStudies;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * `verify` and `verify --repair` on a real two-trial study (real trainer, real Parquet, the real
 * CLI): trained once, then each case damages its own copy of the study folder.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifyRepairEndToEndTest {
  private static final String NAME = "verify-test";
  private Path trained;

  @TempDir Path cases;

  /** What a command printed and returned. */
  private record Run(int exit, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        DiffsweepMain.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static Path studyFile(Path output) throws IOException {
    return TestStudies.fileIn(
        output, TestStudies.tinySacStudy(NAME, 2, 600, 200) + "spark = local\n");
  }

  private static Run study(Path output) throws IOException {
    return cli("study", studyFile(output).toString(), "--master", "local[2,3]", "--no-analysis");
  }

  @BeforeAll
  void trainTheStudy(@TempDir Path work) throws Exception {
    Run run = study(work);
    assertThat(run.exit()).as(run.all()).isZero();
    trained = work.resolve(NAME);
  }

  /** A copy of the trained study (mtimes kept) in a fresh output folder, for one case. */
  private Path copy(String label) throws IOException {
    Path target = cases.resolve(label).resolve(NAME);
    try (Stream<Path> files = Files.walk(trained)) {
      for (Path source : files.toList()) {
        Path to = target.resolve(trained.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(to);
        } else {
          Files.copy(source, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return target;
  }

  /** Every file under {@code folder} with its size and modification time. */
  private static Map<String, String> snapshot(Path folder) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(
            folder.relativize(file).toString(),
            Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis());
      }
    }
    return files;
  }

  /** The visible Parquet parts of a trial's partition of {@code table}. */
  private static List<Path> parts(Path study, String table, String trialId) throws IOException {
    try (Stream<Path> walk = Files.walk(study.resolve("tables").resolve(table))) {
      return walk.filter(
              p ->
                  p.getParent().getFileName().toString().equals("trial_id=" + trialId)
                      && p.getFileName().toString().startsWith("part-"))
          .sorted()
          .toList();
    }
  }

  private static List<String> trialIds(Path study) throws IOException {
    try (Stream<Path> runs = Files.list(study.resolve("runs"))) {
      return runs.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void truncate(Path file) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(raf.length() / 2);
    }
  }

  /** Truncates one of a trial's parts and checks that verify names the trial and the part. */
  private static void verifyFindsItTruncated(Path study, String trialId, Path part)
      throws IOException {
    truncate(part);
    Run caught = cli("verify", study.toString());
    assertThat(caught.exit()).as(caught.all()).isEqualTo(1);
    assertThat(caught.out()).contains("damaged trial " + trialId + ": " + study.relativize(part));
  }

  private static long damagedLines(Run run) {
    return run.out().lines().filter(line -> line.startsWith("damaged trial ")).count();
  }

  @Test
  void aCleanStudyVerifies() {
    Run verify = cli("verify", trained.toString());

    assertThat(verify.exit()).as(verify.all()).isZero();
    assertThat(verify.out()).contains("2 committed trials checked: 2 intact, 0 damaged");
    assertThat(damagedLines(verify)).isZero();
  }

  @Test
  void aTruncatedPartIsRefusedThenRepairedAndOnlyItsTrialRetrained() throws Exception {
    Path study = copy("truncated");
    List<String> ids = trialIds(study);
    String damaged = ids.get(0);
    String intact = ids.get(1);
    Path part = parts(study, "evaluations", damaged).get(0);
    truncate(part);
    String partName = study.relativize(part).toString();
    String repairCommand = "bin/diffsweep verify " + study + " --repair";

    Run verify = cli("verify", study.toString());
    assertThat(verify.exit()).as(verify.all()).isEqualTo(1);
    assertThat(damagedLines(verify)).isEqualTo(1);
    assertThat(verify.out()).contains("damaged trial " + damaged + ": " + partName);

    Map<String, String> before = snapshot(study);
    Run analyze =
        cli("analyze", study.toString(), "--master", "local[2]", "--no-plots", "--bootstrap", "50");
    assertThat(analyze.exit()).as(analyze.all()).isEqualTo(2);
    assertThat(analyze.err()).contains(partName).contains(repairCommand).doesNotContain("\tat ");
    assertThat(analyze.err().lines().count()).isEqualTo(1);
    assertThat(snapshot(study)).isEqualTo(before);

    Run refused = study(study.getParent());
    assertThat(refused.exit()).as(refused.all()).isEqualTo(2);
    assertThat(refused.err()).contains(partName).contains(repairCommand).doesNotContain("\tat ");
    assertThat(snapshot(study)).isEqualTo(before);

    Map<String, String> intactBefore = filesOf(snapshot(study), intact);
    Run repair = cli("verify", study.toString(), "--repair");
    assertThat(repair.exit()).as(repair.all()).isZero();
    assertThat(repair.out()).contains("repaired trial " + damaged);
    assertThat(parts(study, "evaluations", damaged)).isEmpty();
    assertThat(parts(study, "episodes", damaged)).isEmpty();
    assertThat(
            DuckDb.query(
                "SELECT trial_id, status FROM read_parquet('"
                    + study.resolve("tables/trials/*.parquet")
                    + "') ORDER BY trial_id"))
        .containsExactlyInAnyOrder(List.of(damaged, "queued"), List.of(intact, "completed"));

    Run again = study(study.getParent());
    assertThat(again.exit()).as(again.all()).isZero();
    assertThat(again.out()).contains("2 trials, 1 committed before, 1 to train");
    // The intact trial's partitions and run folder (trainer logs included) are untouched.
    assertThat(filesOf(snapshot(study), intact)).isEqualTo(intactBefore);
    assertThat(study.resolve("runs").resolve(damaged).resolve("trainer-attempt-1.log"))
        .isRegularFile();
    assertEveryRowOnce(study);
    assertThat(trainedTrials(study)).isEqualTo(trainedTrials(trained));

    Run clean = cli("verify", study.toString());
    assertThat(clean.exit()).as(clean.all()).isZero();
    Run analysed =
        cli("analyze", study.toString(), "--master", "local[2]", "--no-plots", "--bootstrap", "50");
    assertThat(analysed.exit()).as(analysed.all()).isZero();
    assertThat(analysed.out()).contains("Analysed 2 committed trials");
  }

  @Test
  void aTruncatedEpisodesPartADeletedPartAndAnExtraPartAreEachCaught() throws Exception {
    Path study = copy("deleted-extra");
    List<String> ids = trialIds(study);
    Path episodes = parts(study, "episodes", ids.get(0)).get(0);
    Files.delete(episodes);
    Path duplicate = parts(study, "evaluations", ids.get(1)).get(0);
    Path extra = duplicate.resolveSibling("part-99999-duplicate.parquet");
    Files.copy(duplicate, extra);

    Run verify = cli("verify", study.toString());
    assertThat(verify.exit()).as(verify.all()).isEqualTo(1);
    assertThat(damagedLines(verify)).isEqualTo(2);
    assertThat(verify.out())
        .contains(study.relativize(episodes) + " is missing")
        .contains(study.relativize(extra) + " is not one of the trial's committed files");
    Run refused = study(study.getParent());
    assertThat(refused.exit()).as(refused.all()).isEqualTo(2);
    // Without the check, the analysis would silently count fewer (or twice the) rows.
    Run analyze =
        cli("analyze", study.toString(), "--master", "local[2]", "--no-plots", "--bootstrap", "50");
    assertThat(analyze.exit()).as(analyze.all()).isEqualTo(2);
    assertThat(analyze.err())
        .contains(study.relativize(episodes).toString())
        .contains(study.relativize(extra).toString());

    Path truncatedEpisodes = copy("truncated-episodes");
    verifyFindsItTruncated(
        truncatedEpisodes, ids.get(1), parts(truncatedEpisodes, "episodes", ids.get(1)).get(0));
  }

  /**
   * A changed byte keeps the length, so only verify's full read (CRC-32C) sees it; study and
   * analyze check listings only, and verify --repair is the way to find and fix it.
   */
  @Test
  void aFlippedByteIsCaughtByItsChecksum() throws Exception {
    Path study = copy("flipped");
    String trialId = trialIds(study).get(0);
    Path part = parts(study, "evaluations", trialId).get(0);
    try (RandomAccessFile raf = new RandomAccessFile(part.toFile(), "rw")) {
      long middle = raf.length() / 2;
      raf.seek(middle);
      int value = raf.read();
      raf.seek(middle);
      raf.write(value ^ 0xff);
    }

    Run verify = cli("verify", study.toString());
    assertThat(verify.exit()).as(verify.all()).isEqualTo(1);
    assertThat(verify.out())
        .contains("damaged trial " + trialId + ": " + study.relativize(part) + " has CRC-32C ");
    Run repair = cli("verify", study.toString(), "--repair");
    assertThat(repair.exit()).as(repair.all()).isZero();
    assertThat(parts(study, "evaluations", trialId)).isEmpty();
  }

  /**
   * Trials committed before commits recorded their files (a study still running old code) are
   * accepted, checked readable only; a truncated part of one is still caught.
   */
  @Test
  void trialsCommittedBeforeFileRecordsAreCheckedReadableOnly() throws Exception {
    Path study = copy("unrecorded");
    List<String> ids = trialIds(study);
    for (String id : ids) {
      Path outcome = study.resolve("runs").resolve(id).resolve("outcome.json");
      String json = Files.readString(outcome);
      assertThat(json).contains("\"files\":[");
      Files.writeString(outcome, json.replaceAll(",\"files\":\\[[^\\]]*\\]", ""));
      // As the old code left it: its local file system's checksum matching its content.
      Files.deleteIfExists(outcome.resolveSibling(".outcome.json.crc"));
    }

    Run verify = cli("verify", study.toString());
    assertThat(verify.exit()).as(verify.all()).isZero();
    assertThat(verify.out())
        .contains("2 trials committed before file records; checked readable only");

    Path part = parts(study, "evaluations", ids.get(0)).get(0);
    verifyFindsItTruncated(study, ids.get(0), part);
    Run refused = study(study.getParent());
    assertThat(refused.exit()).as(refused.all()).isEqualTo(2);
    assertThat(refused.err()).contains(study.relativize(part).toString());
  }

  private static Map<String, String> filesOf(Map<String, String> snapshot, String trialId) {
    Map<String, String> files = new TreeMap<>();
    snapshot.forEach(
        (file, stamp) -> {
          if (file.contains("trial_id=" + trialId) || file.startsWith("runs/" + trialId)) {
            files.put(file, stamp);
          }
        });
    assertThat(files).isNotEmpty();
    return files;
  }

  /** Per trial, the rows it has: the same after a retrain as in the original study. */
  private static List<List<Object>> trainedTrials(Path study) {
    return DuckDb.query(
        "SELECT trial_id, count(*), max(env_step) FROM "
            + DuckDb.table(study, "evaluations")
            + " GROUP BY trial_id ORDER BY trial_id");
  }

  /** Each evaluation and episode once, every trial completed once in the trials table. */
  private static void assertEveryRowOnce(Path study) {
    assertThat(
            DuckDb.query(
                "SELECT count(*), count(DISTINCT trial_id || '/' || env_step) FROM "
                    + DuckDb.table(study, "evaluations")))
        .containsExactly(List.of(6L, 6L));
    assertEveryTrialCompletedOnce(study, 2);
  }
}
