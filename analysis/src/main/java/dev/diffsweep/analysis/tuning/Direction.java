package dev.diffsweep.analysis.tuning;

import java.util.Comparator;
import java.util.Locale;

/** Whether the tuner looked for the largest or the smallest objective. */
public enum Direction {
  MAXIMIZE,
  MINIMIZE;

  /** Orders objective values from the best to the worst. */
  public Comparator<Double> bestFirst() {
    return this == MAXIMIZE ? Comparator.reverseOrder() : Comparator.naturalOrder();
  }

  /** The better of two objective values. */
  public double better(double a, double b) {
    return this == MAXIMIZE ? Math.max(a, b) : Math.min(a, b);
  }

  /** As the study file spells it: {@code maximize} or {@code minimize}. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Direction parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }
}
