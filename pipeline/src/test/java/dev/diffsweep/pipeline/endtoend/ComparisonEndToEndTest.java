package dev.diffsweep.pipeline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.diffsweep.pipeline.cli.DiffsweepMain;
import dev.diffsweep.pipeline.testing.DuckDb;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path of the study's answer, with nothing synthetic: `diffsweep study` trains DiffSAC
 * and SAC with the real trainer through the real pipeline, the real analysis runs last, and every
 * comparison number is recomputed here from the evaluations Parquet, read by DuckDB, with plain
 * Java written for this test (not the analysis's classes).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComparisonEndToEndTest {
  private static final int GRID_POINTS = 101;
  private static final double FINAL_FRACTION = 0.1;
  private static final double THRESHOLD_FRACTION = 0.8;

  private Path study;
  private String terminal;

  @BeforeAll
  void runTheStudy(@TempDir Path work) throws Exception {
    Path file = work.resolve("e2e.conf");
    Files.writeString(
        file,
        """
        name = e2e
        output = "%s"
        algorithms = [diffsac, sac]
        tasks = [InvertedPendulum-v4]
        seeds = 2
        steps = 2000
        evaluation { every = 500, episodes = 2 }
        grid { learning_starts = 500, batch_size = 32, hidden_size = 32, buffer_size = 2000 }
        algorithm-grid { diffsac { diffusion_steps = 2 } }
        spark = local
        """
            .formatted(work.toUri()));
    StringWriter out = new StringWriter();
    int exit =
        DiffsweepMain.commandLine()
            .setOut(new PrintWriter(out, true))
            .execute("study", file.toString(), "--master", "local[2,3]");
    terminal = out.toString();
    assertThat(exit).as(terminal).isZero();
    study = work.resolve("e2e");
  }

  /** One trial's evaluations, sorted by env step. */
  private record Run(String algorithm, long[] steps, double[] returns) {
    double finalReturn() {
      int last = (int) Math.max(1, Math.ceil(FINAL_FRACTION * returns.length));
      return Arrays.stream(returns, returns.length - last, returns.length).average().orElseThrow();
    }

    double auc() {
      double area = 0;
      for (int i = 1; i < steps.length; i++) {
        area += (steps[i] - steps[i - 1]) * (returns[i] + returns[i - 1]) / 2;
      }
      return area;
    }

    /** Linear interpolation at {@code step}; NaN outside the evaluated range. */
    double at(long step) {
      for (int i = 0; i < steps.length; i++) {
        if (steps[i] == step) {
          return returns[i];
        }
        if (i > 0 && steps[i - 1] < step && step < steps[i]) {
          return returns[i - 1]
              + (returns[i] - returns[i - 1]) * (step - steps[i - 1]) / (steps[i] - steps[i - 1]);
        }
      }
      return Double.NaN;
    }
  }

  private List<Run> runsOf(String algorithm) {
    Map<String, List<List<Object>>> byTrial = new TreeMap<>();
    for (List<Object> row :
        DuckDb.query(
            "SELECT trial_id, env_step, return_mean FROM "
                + DuckDb.table(study, "evaluations")
                + " WHERE algorithm = '"
                + algorithm
                + "' ORDER BY trial_id, env_step")) {
      byTrial.computeIfAbsent((String) row.get(0), id -> new ArrayList<>()).add(row);
    }
    List<Run> runs = new ArrayList<>();
    byTrial.forEach(
        (id, rows) ->
            runs.add(
                new Run(
                    algorithm,
                    rows.stream().mapToLong(r -> ((Number) r.get(1)).longValue()).toArray(),
                    rows.stream().mapToDouble(r -> ((Number) r.get(2)).doubleValue()).toArray())));
    return runs;
  }

  /** The interquartile mean: drop floor(n / 4) from each end, average the rest. */
  private static double iqm(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int cut = sorted.length / 4;
    return Arrays.stream(sorted, cut, sorted.length - cut).average().orElseThrow();
  }

  private static double probabilityOfImprovement(double[] x, double[] y) {
    double wins = 0;
    for (double a : x) {
      for (double b : y) {
        wins += a > b ? 1 : a == b ? 0.5 : 0;
      }
    }
    return wins / (x.length * y.length);
  }

  private static double[] finalReturns(List<Run> runs) {
    return runs.stream().mapToDouble(Run::finalReturn).toArray();
  }

  /** Env steps until the IQM curve over the runs reaches the threshold; NaN if it never does. */
  private static double stepsToThreshold(List<Run> runs, long[] grid, double threshold) {
    double previousValue = Double.NaN;
    long previousStep = 0;
    for (long step : grid) {
      double[] values =
          runs.stream().mapToDouble(r -> r.at(step)).filter(v -> !Double.isNaN(v)).toArray();
      if (values.length == 0) {
        continue;
      }
      double value = iqm(values);
      if (value >= threshold) {
        return Double.isNaN(previousValue)
            ? step
            : previousStep
                + (threshold - previousValue) / (value - previousValue) * (step - previousStep);
      }
      previousValue = value;
      previousStep = step;
    }
    return Double.NaN;
  }

  private static double ratio(double baseSteps, double diffSteps) {
    double base = Double.isNaN(baseSteps) ? Double.POSITIVE_INFINITY : baseSteps;
    double diff = Double.isNaN(diffSteps) ? Double.POSITIVE_INFINITY : diffSteps;
    if (Double.isInfinite(base) && Double.isInfinite(diff)) {
      return Double.NaN;
    }
    return diff == 0 ? (base == 0 ? 1 : Double.POSITIVE_INFINITY) : base / diff;
  }

  private Map<String, Object> comparisonRow(String task) {
    List<String> columns =
        List.of(
            "algorithm",
            "base_algorithm",
            "seeds",
            "base_seeds",
            "final_return_iqm",
            "final_return_iqm_ci_low",
            "final_return_iqm_ci_high",
            "base_final_return_iqm",
            "base_final_return_iqm_ci_low",
            "base_final_return_iqm_ci_high",
            "auc_iqm",
            "base_auc_iqm",
            "sample_efficiency_ratio",
            "sample_efficiency_ratio_ci_low",
            "sample_efficiency_ratio_ci_high",
            "probability_of_improvement",
            "probability_of_improvement_ci_low",
            "probability_of_improvement_ci_high",
            "verdict");
    List<List<Object>> rows =
        DuckDb.query(
            "SELECT "
                + String.join(", ", columns)
                + " FROM read_parquet('"
                + study.resolve("comparison")
                + "/*.parquet') WHERE task = '"
                + task
                + "'");
    assertThat(rows).as("comparison rows for " + task).hasSize(1);
    Map<String, Object> row = new TreeMap<>();
    for (int i = 0; i < columns.size(); i++) {
      row.put(columns.get(i), rows.get(0).get(i));
    }
    return row;
  }

  private static double number(Map<String, Object> row, String column) {
    return ((Number) row.get(column)).doubleValue();
  }

  @Test
  void thePerTaskComparisonIsFilledAndEqualsARecomputationFromTheEvaluations() {
    List<Run> diffsac = runsOf("diffsac");
    List<Run> sac = runsOf("sac");
    assertThat(diffsac).hasSize(2);
    assertThat(sac).hasSize(2);
    Map<String, Object> row = comparisonRow("InvertedPendulum-v4");

    assertThat(row).doesNotContainValue(null);
    assertThat(row).containsEntry("algorithm", "diffsac").containsEntry("base_algorithm", "sac");
    assertThat(row).containsEntry("seeds", 2).containsEntry("base_seeds", 2);
    assertThat(number(row, "final_return_iqm")).isCloseTo(iqm(finalReturns(diffsac)), within(1e-9));
    assertThat(number(row, "base_final_return_iqm"))
        .isCloseTo(iqm(finalReturns(sac)), within(1e-9));
    assertThat(number(row, "auc_iqm"))
        .isCloseTo(iqm(diffsac.stream().mapToDouble(Run::auc).toArray()), within(1e-6));
    assertThat(number(row, "base_auc_iqm"))
        .isCloseTo(iqm(sac.stream().mapToDouble(Run::auc).toArray()), within(1e-6));
    double improvement = probabilityOfImprovement(finalReturns(diffsac), finalReturns(sac));
    assertThat(number(row, "probability_of_improvement")).isCloseTo(improvement, within(1e-12));

    List<Run> all = new ArrayList<>(diffsac);
    all.addAll(sac);
    long first = all.stream().mapToLong(r -> r.steps()[0]).min().orElseThrow();
    long last = all.stream().mapToLong(r -> r.steps()[r.steps().length - 1]).max().orElseThrow();
    long[] grid = new long[GRID_POINTS];
    for (int i = 0; i < GRID_POINTS; i++) {
      grid[i] = Math.round(first + (last - first) * (double) i / (GRID_POINTS - 1));
    }
    double lowest =
        all.stream().flatMapToDouble(r -> Arrays.stream(r.returns())).min().orElseThrow();
    double best = Math.max(iqm(finalReturns(diffsac)), iqm(finalReturns(sac)));
    double threshold = lowest + THRESHOLD_FRACTION * (best - lowest);
    double expectedRatio =
        ratio(stepsToThreshold(sac, grid, threshold), stepsToThreshold(diffsac, grid, threshold));
    assertThat(number(row, "sample_efficiency_ratio")).isCloseTo(expectedRatio, within(1e-6));

    for (String estimate :
        List.of(
            "final_return_iqm",
            "base_final_return_iqm",
            "sample_efficiency_ratio",
            "probability_of_improvement")) {
      assertThat(number(row, estimate))
          .as(estimate + " inside its interval")
          .isBetween(number(row, estimate + "_ci_low"), number(row, estimate + "_ci_high"));
    }
    double low = number(row, "probability_of_improvement_ci_low");
    double high = number(row, "probability_of_improvement_ci_high");
    assertThat(row.get("verdict"))
        .isEqualTo(low > 0.5 ? "better" : high < 0.5 ? "worse" : "inconclusive");
  }

  @Test
  void theAcrossTasksRowComparesMinMaxNormalisedFinalReturns() {
    List<Run> diffsac = runsOf("diffsac");
    List<Run> sac = runsOf("sac");
    List<Run> all = new ArrayList<>(diffsac);
    all.addAll(sac);
    double lowest =
        all.stream().flatMapToDouble(r -> Arrays.stream(r.returns())).min().orElseThrow();
    double highest =
        all.stream().flatMapToDouble(r -> Arrays.stream(r.returns())).max().orElseThrow();
    Map<String, Object> row = comparisonRow("all tasks");

    assertThat(number(row, "final_return_iqm"))
        .isCloseTo(
            iqm(
                diffsac.stream()
                    .mapToDouble(r -> (r.finalReturn() - lowest) / (highest - lowest))
                    .toArray()),
            within(1e-9));
    assertThat(number(row, "probability_of_improvement"))
        .isCloseTo(
            probabilityOfImprovement(finalReturns(diffsac), finalReturns(sac)), within(1e-12));
  }

  @Test
  void theReportOpensWithTheComparisonAndTheStudyEndsWithItsVerdicts() throws Exception {
    String report = Files.readString(study.resolve("report.html"));
    int comparison = report.indexOf("<h2>Diff* against its base</h2>");
    assertThat(comparison).isPositive();
    assertThat(report.indexOf("<h2>", 0)).isEqualTo(comparison);
    assertThat(report).contains("verdict");
    assertThat(Files.readString(study.resolve("csv/comparison.csv"))).contains("diffsac,sac");

    String verdict = (String) comparisonRow("InvertedPendulum-v4").get("verdict");
    assertThat(terminal)
        .contains("[study e2e] InvertedPendulum-v4: diffsac vs sac: " + verdict + " (")
        .contains("[study e2e] verdict rule: ");
    assertThat(terminal.lastIndexOf("verdict rule"))
        .isGreaterThan(terminal.lastIndexOf("analysis of 4 committed trials"));
  }
}
