package dev.diffsweep.analysis.plots;

/** A rendered plot: file name stem, title, PNG and SVG bytes. */
public record PlotImage(String name, String title, byte[] png, byte[] svg) {}
