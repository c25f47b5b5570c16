package dev.diffsweep.pipeline.spark;

import static dev.diffsweep.pipeline.testing.StudyTableChecks.assertEpisodesAreWholeAndUnrepeated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.pipeline.study.Study;
import dev.diffsweep.pipeline.study.StudyLoader;
import dev.diffsweep.pipeline.testing.DuckDb;
import dev.diffsweep.pipeline.tune.state.TrialState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tuning study on local[2,3] with the real trainer on a tiny budget: 4 configurations x 1 seed,
 * successive halving over rungs at 300 and 600 env steps. Each rung is one Spark job and the runs
 * that go on resume from the checkpoint the first rung left.
 */
class TuneDriverTest {
  @TempDir Path output;

  private static final String STUDY =
      """
      name = tune-test
      algorithms = [sac]
      tasks = [InvertedPendulum-v4]
      seeds = 1
      steps = 600
      evaluation { every = 300, episodes = 1 }
      grid { learning_starts = 100, hidden_size = 16, buffer_size = 2000 }
      tune {
        trials = 4
        seeds-per-trial = 1
        sampler { type = random }
        pruner { type = successive-halving, min-budget = 300, eta = 2, trials-per-bracket = 4 }
        space { batch_size { type = categorical, choices = [8, 16, 32, 64] } }
      }
      """;

  private TuneDriver.Result tune(StringWriter log) throws Exception {
    Study study =
        StudyLoader.parse(
            "tune.conf", STUDY + "\noutput = \"" + output.toUri() + "\"\n", Path.of("/"));
    return new TuneDriver(study, SparkProfileFixtures.localDriver(), new PrintWriter(log, true))
        .run();
  }

  @Test
  void tunesRungByRungKeepsItsStateInTheTrialsTableAndARerunTrainsNothing() throws Exception {
    TuneDriver.Result first = tune(new StringWriter());
    StringWriter secondLog = new StringWriter();
    TuneDriver.Result second = tune(secondLog);

    assertThat(first.state().history().trials())
        .extracting(t -> t.status())
        .containsExactlyInAnyOrder(
            TrialState.COMPLETED, TrialState.COMPLETED, TrialState.PRUNED, TrialState.PRUNED);
    // 4 runs to the first rung, then 2 of them on to the second.
    assertThat(first.runsTrained()).isEqualTo(6);
    assertThat(second.runsTrained()).isZero();
    assertThat(secondLog.toString()).contains("nothing to train");
    assertThat(second.state().history().best()).isEqualTo(first.state().history().best());
    Path folder = output.resolve("tune-test");
    String trials = "read_parquet('" + folder.resolve("tables/trials/*.parquet") + "')";
    assertThat(
            DuckDb.query(
                "SELECT status, count(*), min(rung), max(rung), count(objective) FROM "
                    + trials
                    + " GROUP BY status ORDER BY status"))
        .containsExactly(List.of("completed", 2L, 1, 1, 2L), List.of("pruned", 2L, 0, 0, 0L));
    // Completed runs are committed once: their episodes whole, the pruned runs' not in the table.
    assertEpisodesAreWholeAndUnrepeated(folder, 2);
    assertThat(
            DuckDb.query(
                "SELECT count(*), count(DISTINCT trial_id || '/' || env_step) FROM "
                    + DuckDb.table(folder, "evaluations")))
        .containsExactly(List.of(4L, 4L));
  }
}
