package dev.diffsweep.analysis.plots;

import dev.diffsweep.analysis.tuning.ParameterScale;
import dev.diffsweep.analysis.tuning.TunedConfiguration;
import dev.diffsweep.analysis.tuning.TuningResults;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The tuning section's plots: the optimisation history (each configuration's objective in proposal
 * order with the best so far) and, per tuned parameter, the objective against the parameter's
 * value. Completed configurations show their objective; pruned ones, drawn apart as grey triangles,
 * the objective at the last rung they reached, which was measured on a shorter budget. Failed
 * configurations have no value and are left out.
 */
public final class TuningPlots {
  static {
    // Plots are drawn on servers and CI machines without a display.
    System.setProperty("java.awt.headless", "true");
  }

  private TuningPlots() {}

  /** The plots, none while no configuration has a value yet (XChart cannot draw no series). */
  public static List<PlotImage> draw(TuningResults tuning) {
    List<PlotImage> plots = new ArrayList<>();
    history(tuning).ifPresent(plots::add);
    for (String parameter : tuning.parameters()) {
      parameterPlot(tuning, parameter).ifPresent(plots::add);
    }
    return plots;
  }

  private static Optional<PlotImage> history(TuningResults tuning) {
    String direction = tuning.settings().direction().text();
    XYChart chart =
        scatterChart(
            "Optimisation history (" + direction + ")",
            "configuration (tune_number, proposal order)");
    if (addOutcomes(chart, tuning.configurations(), TunedConfiguration::number) == 0) {
      return Optional.empty();
    }
    List<Double> numbers = new ArrayList<>();
    List<Double> bestSoFar = new ArrayList<>();
    double best = Double.NaN;
    for (TunedConfiguration configuration : tuning.configurations()) {
      if (configuration.completed()) {
        best =
            Double.isNaN(best)
                ? configuration.objective()
                : tuning.settings().direction().better(best, configuration.objective());
        numbers.add((double) configuration.number());
        bestSoFar.add(best);
      }
    }
    if (!numbers.isEmpty()) {
      // The best so far holds until the last configuration proposed, also after the last winner.
      numbers.add(
          (double) tuning.configurations().get(tuning.configurations().size() - 1).number());
      bestSoFar.add(best);
      XYSeries line = chart.addSeries("best so far (completed)", numbers, bestSoFar);
      line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
      line.setLineColor(Charts.color(0));
      line.setLineStyle(new BasicStroke(2f));
      line.setMarker(SeriesMarkers.NONE);
    }
    return Optional.of(Charts.render("tuning-history", chart));
  }

  private static Optional<PlotImage> parameterPlot(TuningResults tuning, String parameter) {
    ParameterScale scale = tuning.scale(parameter);
    List<TunedConfiguration> withParameter =
        tuning.configurations().stream()
            .filter(c -> c.parameters().containsKey(parameter))
            .toList();
    String scaleNote =
        switch (scale) {
          case LOG -> " (log scale, as sampled)";
          case CATEGORICAL -> " (categorical)";
          case LINEAR -> "";
        };
    XYChart chart = scatterChart("Objective against " + parameter + scaleNote, parameter);
    ToDoubleFunction<TunedConfiguration> position;
    if (scale == ParameterScale.CATEGORICAL) {
      List<String> categories =
          List.copyOf(
              withParameter.stream()
                  .map(c -> c.parameters().get(parameter))
                  .collect(
                      Collectors.toCollection(() -> new TreeSet<>(ParameterScale.CATEGORY_ORDER))));
      position = c -> categories.indexOf(c.parameters().get(parameter));
      // XChart drops every tick label when two ticks get the same one (also two blanks between
      // categories); an axis from the first to the last category makes it settle on integer
      // ticks, one per category. A single category needs a second, blank tick.
      chart.getStyler().setXAxisMin(0.0).setXAxisMax(Math.max(1.0, categories.size() - 1.0));
      chart.setCustomXAxisTickLabelsFormatter(tick -> categoryAt(categories, tick));
    } else {
      position = c -> Double.parseDouble(c.parameters().get(parameter));
      boolean positive = withParameter.stream().allMatch(c -> position.applyAsDouble(c) > 0);
      chart.getStyler().setXAxisLogarithmic(scale == ParameterScale.LOG && positive);
    }
    if (addOutcomes(chart, withParameter, position) == 0) {
      return Optional.empty();
    }
    return Optional.of(Charts.render("tuning-parameter-" + StudyPlots.fileSafe(parameter), chart));
  }

  /**
   * A chart of single points: markers large enough to see, and the legend below the plot, where it
   * hides none of them.
   */
  private static XYChart scatterChart(String title, String xTitle) {
    XYChart chart = Charts.xyChart(title, xTitle, "objective");
    chart.getStyler().setMarkerSize(9);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    return chart;
  }

  /** The category at an integer tick; no label between categories. */
  private static String categoryAt(List<String> categories, double tick) {
    long index = Math.round(tick);
    boolean onCategory = Math.abs(tick - index) < 1e-9 && index >= 0 && index < categories.size();
    return onCategory ? categories.get((int) index) : "";
  }

  /**
   * Completed configurations' objectives and pruned ones' last rung values, as two series; returns
   * how many points were drawn.
   */
  private static int addOutcomes(
      XYChart chart,
      List<TunedConfiguration> configurations,
      ToDoubleFunction<TunedConfiguration> x) {
    List<TunedConfiguration> completed =
        configurations.stream().filter(TunedConfiguration::completed).toList();
    List<TunedConfiguration> pruned =
        configurations.stream().filter(c -> c.pruned() && c.lastRungValue().isPresent()).toList();
    scatter(
        chart,
        "completed: objective",
        completed,
        x,
        TunedConfiguration::objective,
        SeriesMarkers.CIRCLE,
        Charts.color(1));
    scatter(
        chart,
        "pruned: value at its last rung (shorter budget)",
        pruned,
        x,
        c -> c.lastRungValue().orElseThrow(),
        SeriesMarkers.TRIANGLE_DOWN,
        Charts.color(7));
    return completed.size() + pruned.size();
  }

  private static void scatter(
      XYChart chart,
      String label,
      List<TunedConfiguration> configurations,
      ToDoubleFunction<TunedConfiguration> x,
      ToDoubleFunction<TunedConfiguration> y,
      Marker marker,
      Color color) {
    if (configurations.isEmpty()) {
      return;
    }
    XYSeries series =
        chart.addSeries(
            label,
            configurations.stream().mapToDouble(x).toArray(),
            configurations.stream().mapToDouble(y).toArray());
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    series.setMarker(marker);
    series.setMarkerColor(color);
  }
}
