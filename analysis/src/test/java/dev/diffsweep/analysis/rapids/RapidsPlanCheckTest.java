package dev.diffsweep.analysis.rapids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.diffsweep.analysis.AnalysisOptions;
import dev.diffsweep.analysis.LocalSpark;
import dev.diffsweep.analysis.StudyAnalysis;
import dev.diffsweep.analysis.fixture.SyntheticStudy;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opt-in: runs only where {@code DIFFSWEEP_RAPIDS_JAR} names the RAPIDS Accelerator jar (961 MiB,
 * never part of the build), e.g. {@code
 * ~/.m2/repository/com/nvidia/rapids-4-spark_2.13/26.08.1/rapids-4-spark_2.13-26.08.1.jar}. No GPU
 * needed.
 */
class RapidsPlanCheckTest {
  private static final String JAR = System.getenv("DIFFSWEEP_RAPIDS_JAR");
  private static final SparkSession spark = LocalSpark.session();
  @TempDir static Path folder;

  @BeforeAll
  static void needsTheRapidsJar() {
    assumeTrue(JAR != null && new File(JAR).isFile(), "DIFFSWEEP_RAPIDS_JAR is not set");
  }

  @Test
  void everyOperatorOfTheAnalysisQueriesRunsOnTheGpu() {
    String study =
        SyntheticStudy.writeIn(spark, folder, SyntheticStudy.Spec.small("gpu").withUncommitted(2));
    Map<String, Dataset<Row>> queries =
        StudyAnalysis.queries(spark, study, AnalysisOptions.DEFAULT);
    assertThat(queries).hasSize(5);

    assertThat(RapidsPlanCheck.operatorsNotOnGpu(new File(JAR), queries)).isEmpty();
  }

  @Test
  void reportsAnOperatorThatStaysOnTheCpu() {
    // reflect() calls a Java method per row: the GPU cannot.
    Dataset<Row> cpuOnly = spark.range(3).selectExpr("reflect('java.lang.String', 'valueOf', id)");

    List<String> notOnGpu =
        RapidsPlanCheck.operatorsNotOnGpu(new File(JAR), Map.of("reflect", cpuOnly));

    assertThat(notOnGpu)
        .anyMatch(line -> line.startsWith("reflect: ") && line.contains("CallMethodViaReflection"));
  }
}
