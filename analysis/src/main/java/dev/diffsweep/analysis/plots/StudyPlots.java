package dev.diffsweep.analysis.plots;

import dev.diffsweep.analysis.curves.RunningCurve;
import dev.diffsweep.analysis.references.PublishedReference;
import dev.diffsweep.analysis.references.PublishedReferences;
import dev.diffsweep.analysis.summary.ResultTable;
import dev.diffsweep.analysis.summary.StudyResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * The report's plots: per task the IQM return curve of every agent with its 95 % band, and the
 * published references for the drawn agents (or their base) whose budget the plot reaches (see
 * {@link PublishedReferences#forCurvePlot}) as markers with +/- std bars; the aggregate IQM of
 * normalised scores over the training budget; the performance profile; and for ablations the final
 * return (IQM) against each ablated parameter.
 */
public final class StudyPlots {
  static {
    // Plots are drawn on servers and CI machines without a display.
    System.setProperty("java.awt.headless", "true");
  }

  private StudyPlots() {}

  public static List<PlotImage> draw(StudyResults results, Set<String> ablatedParameters) {
    return draw(results, ablatedParameters, List.of(), PublishedReferences.none());
  }

  /**
   * The plots, with the published references' markers and, in a live report, the running trials'
   * partial curves drawn dashed on the task plots; the running curves enter no statistic.
   */
  public static List<PlotImage> draw(
      StudyResults results,
      Set<String> ablatedParameters,
      List<RunningCurve> running,
      PublishedReferences references) {
    List<PlotImage> plots = new ArrayList<>();
    plots.addAll(perTask(results.curves(), running, references));
    aggregate(results.aggregateCurves()).ifPresent(plots::add);
    profile(results.performanceProfile()).ifPresent(plots::add);
    for (String parameter : ablatedParameters) {
      plots.addAll(ablation(results.summary(), parameter));
    }
    return plots;
  }

  /** Before anything is committed: the task plots of the running trials' partial curves alone. */
  public static List<PlotImage> running(
      List<RunningCurve> running, PublishedReferences references) {
    return perTask(null, running, references);
  }

  /**
   * One plot per task: the committed IQM curves with bands (none when null), then running ones,
   * then the published references the drawn curves reach.
   */
  private static List<PlotImage> perTask(
      ResultTable curves, List<RunningCurve> running, PublishedReferences references) {
    Map<String, Map<String, List<Row>>> byTask = new TreeMap<>();
    Map<String, Set<String>> algorithmsByTask = new TreeMap<>();
    Map<String, Double> lastStepByTask = new TreeMap<>();
    if (curves != null) {
      for (Row row : curves.rows()) {
        String task = curves.get(row, "task");
        algorithmsByTask
            .computeIfAbsent(task, t -> new TreeSet<>())
            .add(curves.<String>get(row, "algorithm"));
        Number step = curves.get(row, "env_step");
        if (step != null) {
          lastStepByTask.merge(task, step.doubleValue(), Math::max);
        }
        byTask
            .computeIfAbsent(task, t -> new TreeMap<>())
            .computeIfAbsent(label(curves, row), l -> new ArrayList<>())
            .add(row);
      }
    }
    Map<String, List<RunningCurve>> runningByTask = new TreeMap<>();
    for (RunningCurve curve : running) {
      runningByTask.computeIfAbsent(curve.task(), t -> new ArrayList<>()).add(curve);
      byTask.computeIfAbsent(curve.task(), t -> new TreeMap<>());
      algorithmsByTask.computeIfAbsent(curve.task(), t -> new TreeSet<>()).add(curve.algorithm());
      for (double step : curve.envSteps()) {
        lastStepByTask.merge(curve.task(), step, Math::max);
      }
    }
    List<PlotImage> plots = new ArrayList<>();
    byTask.forEach(
        (task, series) -> {
          BandChart chart =
              new BandChart(
                  "curve-" + fileSafe(task),
                  series.isEmpty()
                      ? task + ": evaluation return of the running trials (none committed yet)"
                      : task + ": IQM evaluation return (95% stratified-bootstrap CI)",
                  "env steps",
                  "return");
          series.forEach(
              (label, rows) ->
                  chart.add(
                      label,
                      column(curves, rows, "env_step"),
                      column(curves, rows, "iqm"),
                      column(curves, rows, "iqm_ci_low"),
                      column(curves, rows, "iqm_ci_high")));
          for (RunningCurve curve : runningByTask.getOrDefault(task, List.of())) {
            chart.addRunning(curve.label(), curve.seriesLabel(), curve.envSteps(), curve.returns());
          }
          overlay(
              chart,
              references.forCurvePlot(
                  task,
                  algorithmsByTask.getOrDefault(task, Set.of()),
                  lastStepByTask.getOrDefault(task, Double.NaN)));
          plots.add(chart.render());
        });
    return plots;
  }

  /** One marker series per source, metric, algorithm and task version, points at their budgets. */
  private static void overlay(BandChart chart, List<PublishedReference> references) {
    Map<String, List<PublishedReference>> bySeries = new TreeMap<>();
    for (PublishedReference r : references) {
      bySeries.computeIfAbsent(referenceLabel(r), l -> new ArrayList<>()).add(r);
    }
    bySeries.forEach(
        (label, points) ->
            chart.addReference(
                label,
                points.stream().mapToDouble(PublishedReference::budget).toArray(),
                points.stream().mapToDouble(PublishedReference::mean).toArray(),
                points.stream().mapToDouble(PublishedReference::std).toArray()));
  }

  /** A reference series' legend label, e.g. "CleanRL sac, Hopper-v2, training return (3 seeds)". */
  static String referenceLabel(PublishedReference r) {
    return r.source()
        + " "
        + r.algorithm()
        + ", "
        + r.task()
        + ", "
        + r.metric().text()
        + " return ("
        + r.seeds()
        + (r.seeds() == 1 ? " run)" : " seeds)");
  }

  private static java.util.Optional<PlotImage> aggregate(ResultTable curves) {
    return bandChart(
        new BandChart(
            "aggregate-iqm",
            "All tasks: IQM of normalised return (95% stratified-bootstrap CI)",
            "fraction of training budget",
            "normalised return"),
        curves,
        "budget_fraction",
        "iqm");
  }

  private static java.util.Optional<PlotImage> profile(ResultTable profile) {
    return bandChart(
        new BandChart(
            "performance-profile",
            "Performance profile: fraction of runs with normalised final return > tau",
            "tau",
            "fraction of runs"),
        profile,
        "tau",
        "fraction");
  }

  /** One band per series: {@code y} with its {@code y_ci_low}..{@code y_ci_high} interval. */
  private static java.util.Optional<PlotImage> bandChart(
      BandChart chart, ResultTable table, String x, String y) {
    bySeries(table)
        .forEach(
            (label, rows) ->
                chart.add(
                    label,
                    column(table, rows, x),
                    column(table, rows, y),
                    column(table, rows, y + "_ci_low"),
                    column(table, rows, y + "_ci_high")));
    return chart.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(chart.render());
  }

  /** Per task, final-return IQM against the parameter's value, one series per algorithm. */
  private static List<PlotImage> ablation(ResultTable summary, String parameter) {
    Map<String, Map<String, TreeMap<Double, Row>>> byTask = new TreeMap<>();
    for (Row row : summary.rows()) {
      String config = summary.get(row, "config");
      Double value = parameterValue(config, parameter);
      if (value == null) {
        continue;
      }
      byTask
          .computeIfAbsent(summary.get(row, "task"), t -> new TreeMap<>())
          .computeIfAbsent(summary.get(row, "algorithm"), a -> new TreeMap<>())
          .put(value, row);
    }
    List<PlotImage> plots = new ArrayList<>();
    byTask.forEach(
        (task, series) -> {
          BandChart chart =
              new BandChart(
                  "ablation-" + fileSafe(parameter) + "-" + fileSafe(task),
                  task + ": final return (IQM, 95% CI) against " + parameter,
                  parameter,
                  "final return");
          series.forEach(
              (algorithm, points) -> {
                List<Row> rows = new ArrayList<>(points.values());
                chart.add(
                    algorithm,
                    points.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                    column(summary, rows, "final_return_iqm"),
                    column(summary, rows, "final_return_iqm_ci_low"),
                    column(summary, rows, "final_return_iqm_ci_high"));
              });
          plots.add(chart.render());
        });
    return plots;
  }

  /** The numeric value of {@code parameter} in a config label like "k=5, sigma=0.1". */
  static Double parameterValue(String config, String parameter) {
    for (String part : config.split(", ")) {
      int equals = part.indexOf('=');
      if (equals > 0 && part.substring(0, equals).equals(parameter)) {
        try {
          return Double.valueOf(part.substring(equals + 1));
        } catch (NumberFormatException notNumeric) {
          return null;
        }
      }
    }
    return null;
  }

  private static Map<String, List<Row>> bySeries(ResultTable table) {
    Map<String, List<Row>> series = new LinkedHashMap<>();
    Set<String> order = new TreeSet<>();
    for (Row row : table.rows()) {
      String label = label(table, row);
      order.add(label);
      series.computeIfAbsent(label, l -> new ArrayList<>()).add(row);
    }
    Map<String, List<Row>> sorted = new LinkedHashMap<>();
    order.forEach(l -> sorted.put(l, series.get(l)));
    return sorted;
  }

  private static String label(ResultTable table, Row row) {
    String algorithm = table.get(row, "algorithm");
    String config = table.get(row, "config");
    return config == null || config.isEmpty() ? algorithm : algorithm + " [" + config + "]";
  }

  private static double[] column(ResultTable table, List<Row> rows, String name) {
    int index = table.schema().fieldIndex(name);
    double[] values = new double[rows.size()];
    for (int i = 0; i < values.length; i++) {
      Object value = rows.get(i).get(index);
      values[i] = value == null ? Double.NaN : ((Number) value).doubleValue();
    }
    return values;
  }

  static String fileSafe(String text) {
    return text.replaceAll("[^A-Za-z0-9._-]+", "_");
  }
}
