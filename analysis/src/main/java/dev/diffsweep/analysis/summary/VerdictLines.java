package dev.diffsweep.analysis.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;

/** The comparison table as the lines `study` and `analyze` end with: one verdict per row. */
public final class VerdictLines {
  private VerdictLines() {}

  public static List<String> of(ResultTable comparison) {
    List<String> lines = new ArrayList<>();
    if (comparison.rows().isEmpty()) {
      lines.add(
          "no comparison: the study has no agent together with its base on a common task"
              + " (each Diff* agent is compared with its base, or the study file's compare pairs)");
      return lines;
    }
    for (Row row : comparison.rows()) {
      String config = comparison.get(row, "config");
      boolean acrossTasks = StudyStatistics.ACROSS_TASKS.equals(comparison.get(row, "task"));
      lines.add(
          String.format(
              Locale.ROOT,
              "%s: %s vs %s%s: %s (P(improvement) %s [%s, %s]; IQM final %s %s vs %s; seeds %d vs"
                  + " %d)",
              comparison.<String>get(row, "task"),
              comparison.<String>get(row, "algorithm"),
              comparison.<String>get(row, "base_algorithm"),
              config == null || config.isEmpty() ? "" : " [" + config + "]",
              comparison.<String>get(row, "verdict"),
              ReportNumbers.format(comparison.get(row, "probability_of_improvement")),
              ReportNumbers.format(comparison.get(row, "probability_of_improvement_ci_low")),
              ReportNumbers.format(comparison.get(row, "probability_of_improvement_ci_high")),
              acrossTasks ? "normalised score" : "return",
              ReportNumbers.format(comparison.get(row, "final_return_iqm")),
              ReportNumbers.format(comparison.get(row, "base_final_return_iqm")),
              comparison.<Integer>get(row, "seeds"),
              comparison.<Integer>get(row, "base_seeds")));
    }
    lines.add("verdict rule: " + Verdict.RULE);
    return lines;
  }
}
