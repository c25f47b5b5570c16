package dev.diffsweep.pipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

/**
 * What a study's tables must show however its run went (killed, retried, rerun, repaired), read
 * back with DuckDB: no episode lost or counted twice, and every trial completed once.
 */
public final class StudyTableChecks {
  private StudyTableChecks() {}

  /**
   * Per trial: episode indices 0..n-1 each once, and their lengths add up to the env step at the
   * last one's end, so no episode is missing or counted twice.
   */
  public static void assertEpisodesAreWholeAndUnrepeated(Path study, long trials) {
    assertThat(
            DuckDb.query(
                "SELECT count(*) FROM (SELECT trial_id, count(*) AS n,"
                    + " count(DISTINCT episode) AS distinct_n, min(episode) AS first,"
                    + " max(episode) AS last, sum(length) AS steps,"
                    + " max(env_step) AS last_step FROM "
                    + DuckDb.table(study, "episodes")
                    + " GROUP BY trial_id) WHERE n = distinct_n AND first = 0"
                    + " AND last = n - 1 AND steps = last_step"))
        .containsExactly(List.of(trials));
  }

  /** All {@code trials} completed, each once in the trials table, with whole episodes. */
  public static void assertEveryTrialCompletedOnce(Path study, long trials) {
    assertThat(
            DuckDb.query(
                "SELECT status, count(*) FROM read_parquet('"
                    + study.resolve("tables/trials/*.parquet")
                    + "') GROUP BY status"))
        .containsExactly(List.of("completed", trials));
    assertEpisodesAreWholeAndUnrepeated(study, trials);
  }
}
