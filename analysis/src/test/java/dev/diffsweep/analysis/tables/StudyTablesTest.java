package dev.diffsweep.analysis.tables;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.analysis.LocalSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyTablesTest {
  private static final SparkSession spark = LocalSpark.session();
  @TempDir Path folder;

  @Test
  void readsCommittedTrialsOnlyAndKeepsTrialIdsThatLookLikeNumbersAsStrings() {
    String study = folder.toString();
    // "0012" would be inferred as the integer 12 and "7e3" as the number 7000.
    spark
        .sql(
            "SELECT * FROM VALUES ('0012', 'sac', 'T', 'completed'), ('7e3', 'sac', 'T', 'completed'),"
                + " ('abc', 'sac', 'T', 'completed'), ('run', 'sac', 'T', 'running')"
                + " AS t(trial_id, algorithm, task, status)")
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(study + "/tables/trials");
    for (String table : List.of("evaluations", "episodes")) {
      spark
          .sql(
              "SELECT * FROM VALUES ('0012', 'sac', 'T', 100L, 1.0D), ('7e3', 'sac', 'T', 100L, 2.0D),"
                  + " ('run', 'sac', 'T', 100L, 3.0D)"
                  + " AS t(trial_id, algorithm, task, env_step, return_mean)")
          .write()
          .mode(SaveMode.Overwrite)
          .partitionBy("algorithm", "task", "trial_id")
          .parquet(study + "/tables/" + table);
    }
    StudyTables tables = new StudyTables(spark, StudyLayout.of(study));

    StudyInventory inventory = tables.inventory();
    List<Row> rows = tables.committedEvaluations(inventory).orderBy("trial_id").collectAsList();

    // "abc" is completed but has no folders, "run" has folders but is still running.
    assertThat(inventory.committedTrialIds()).containsExactlyInAnyOrder("0012", "7e3");
    assertThat(rows.stream().map(r -> r.<String>getAs("trial_id"))).containsExactly("0012", "7e3");
    assertThat(inventory.describe())
        .isEqualTo(
            "4 trials (completed=3, running=1), 2 committed, 1 completed but not yet committed.");
  }
}
