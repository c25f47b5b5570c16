package dev.diffsweep.pipeline.tune.state;

import java.util.Locale;

/** Whether the tuner looks for the largest or the smallest objective. */
public enum Direction {
  MAXIMIZE,
  MINIMIZE;

  /** The value turned into a loss, lower is better, so samplers and pruners need one code path. */
  public double loss(double value) {
    return this == MAXIMIZE ? -value : value;
  }

  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
