package dev.diffsweep.analysis.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line chart where each series is drawn with its confidence band (a translucent polygon from the
 * lower to the upper bound), the way rliable plots sample-efficiency curves.
 */
final class BandChart {
  private final XYChart chart;
  private final String name;
  private final Map<String, Color> colorByLabel = new HashMap<>();
  private int series;
  private int references;

  BandChart(String name, String title, String xTitle, String yTitle) {
    this.name = name;
    chart = Charts.xyChart(title, xTitle, yTitle);
  }

  /** Adds a line with its band; NaN points (no data) are skipped. */
  void add(String label, double[] x, double[] y, double[] low, double[] high) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    List<Double> lows = new ArrayList<>();
    List<Double> highs = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(y[i])) {
        xs.add(x[i]);
        ys.add(y[i]);
        lows.add(Double.isNaN(low[i]) ? y[i] : low[i]);
        highs.add(Double.isNaN(high[i]) ? y[i] : high[i]);
      }
    }
    if (xs.isEmpty()) {
      return;
    }
    Color color = colorOf(label);
    List<Double> polygonX = new ArrayList<>(xs);
    List<Double> polygonY = new ArrayList<>(highs);
    for (int i = xs.size() - 1; i >= 0; i--) {
      polygonX.add(xs.get(i));
      polygonY.add(lows.get(i));
    }
    XYSeries band = chart.addSeries(label + " (95% CI)", polygonX, polygonY);
    band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 60));
    band.setLineColor(new Color(0, 0, 0, 0));
    band.setMarker(SeriesMarkers.NONE);
    band.setShowInLegend(false);
    XYSeries line = chart.addSeries(label, xs, ys);
    line.setLineColor(color);
    line.setLineStyle(new BasicStroke(2f));
    line.setMarker(xs.size() <= 20 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    line.setMarkerColor(color);
  }

  /**
   * Adds a running trial's partial curve: a thin dashed line without a band, in the colour of the
   * series {@code seriesLabel} (the committed trials it will join) when the chart has it.
   */
  void addRunning(String label, String seriesLabel, double[] x, double[] y) {
    if (x.length == 0) {
      return;
    }
    Color color = colorOf(seriesLabel);
    XYSeries line = chart.addSeries(label, x, y);
    line.setLineColor(color);
    line.setLineStyle(
        new BasicStroke(
            1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    line.setMarker(SeriesMarkers.NONE);
  }

  private Color colorOf(String label) {
    return colorByLabel.computeIfAbsent(label, l -> Charts.color(series++));
  }

  /**
   * Adds published points as markers with error bars (mean +/- std) and no line, in a colour after
   * the agents' so they are told apart from the curves.
   */
  void addReference(String label, double[] x, double[] mean, double[] std) {
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    Color color = Charts.color(series + references++ + 4);
    XYSeries points = chart.addSeries(label, x, mean, std);
    points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    points.setMarker(SeriesMarkers.DIAMOND);
    points.setMarkerColor(color);
    points.setLineColor(color);
  }

  boolean isEmpty() {
    return series == 0;
  }

  PlotImage render() {
    return Charts.render(name, chart);
  }
}
