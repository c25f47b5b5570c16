package dev.diffsweep.analysis.plots;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** The look all report plots share (size, white background, palette) and their encoding. */
final class Charts {
  private static final Color[] PALETTE = {
    new Color(0x1f77b4),
    new Color(0xd62728),
    new Color(0x2ca02c),
    new Color(0xff7f0e),
    new Color(0x9467bd),
    new Color(0x8c564b),
    new Color(0xe377c2),
    new Color(0x7f7f7f),
    new Color(0xbcbd22),
    new Color(0x17becf)
  };

  private Charts() {}

  static XYChart xyChart(String title, String xTitle, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(500)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setMarkerSize(4);
    return chart;
  }

  /** The palette's colour for the {@code index}-th series, repeating after ten. */
  static Color color(int index) {
    return PALETTE[index % PALETTE.length];
  }

  static PlotImage render(String name, XYChart chart) {
    try {
      return new PlotImage(
          name,
          chart.getTitle(),
          ChartEncoder.getBytes(chart, "png"),
          ChartEncoder.getBytes(chart, "svg"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render plot " + name, e);
    }
  }
}
